"""An import-linter contract written for Gonghui: apps reach each other only through an allow-list.

import-linter's own ``forbidden`` contracts list what may *not* be imported, so every new app (and every new module
of an old one) had to be added to them by hand, and anything not listed slipped through. This contract lists
what *may* be imported instead, and finds the apps itself (every ``gonghui.<name>`` package with an ``apps``
module), so a new module is held by it without editing ``pyproject.toml``:

- ``core`` is the kernel: anyone may import any of it, and it imports no app;
- any other app is reached only through the modules named in ``allowed`` (``services``, ``selectors``,
  ``errors``, and the few registries a module may extend, such as ``roles``);
- an app's own tests, and the pairs in ``ignore_imports``, are exempt.
"""

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class AppBoundaryContract(Contract):
    type_name = "app_boundaries"

    container = fields.StringField()
    kernel = fields.StringField()
    allowed = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.ListField(subfield=fields.StringField(), required=False, default=[])

    def _apps(self, graph) -> list[str]:
        return sorted(child for child in graph.find_children(self.container) if f"{child}.apps" in graph.modules)

    def _exempt(self, importer: str, imported: str) -> bool:
        return f"{importer} -> {imported}" in self.ignore_imports or ".tests" in importer

    def check(self, graph, verbose: bool) -> ContractCheck:
        apps = self._apps(graph)
        broken = []
        for app in apps:
            for importer in sorted(graph.find_descendants(app) | {app}):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    target = next((other for other in apps
                                   if other != app and (imported == other or imported.startswith(other + "."))),
                                  None)
                    if target is None or target == self.kernel or self._exempt(importer, imported):
                        continue
                    if app == self.kernel:  # the kernel knows no app (they register with it)
                        broken.append((importer, imported))
                        continue
                    entry = imported[len(target) + 1:].split(".")[0] if imported != target else ""
                    if entry not in self.allowed:
                        broken.append((importer, imported))
        return ContractCheck(kept=not broken, metadata={"broken": broken, "apps": apps})

    def render_broken_contract(self, check: ContractCheck) -> None:
        allowed = ", ".join(self.allowed)
        for importer, imported in check.metadata["broken"]:
            rule = ("the kernel imports no app" if importer.startswith(self.kernel + ".")
                    else f"another app only through {allowed}")
            output.print_error(f"{importer} imports {imported}: {rule}")
            output.new_line()
