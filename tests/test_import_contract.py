"""The allow-list contract (src/gonghui/core/lint/contracts.py) that `make lint` runs: it finds the apps itself
and refuses an import of another app's module outside services, selectors and errors."""

import grimp

from gonghui.core.lint.contracts import AppBoundaryContract

OPTIONS = {"container": "gonghui", "kernel": "gonghui.core", "allowed": ["services", "selectors", "errors"]}


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for module in ("gonghui", "gonghui.core", "gonghui.core.apps", "gonghui.core.audit",
                   "gonghui.members", "gonghui.members.apps", "gonghui.members.models", "gonghui.members.selectors",
                   "gonghui.members.tests", "gonghui.members.tests.factories",
                   "gonghui.assistance", "gonghui.assistance.apps", "gonghui.assistance.services",
                   "gonghui.assistance.tests", "gonghui.assistance.tests.test_files"):
        graph.add_module(module)
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def _check(graph, **options):
    return AppBoundaryContract("apps", {}, {**OPTIONS, **options}).check(graph, verbose=False)


def test_a_new_app_reaching_into_another_apps_models_is_refused_without_being_named():
    check = _check(_graph(("gonghui.assistance.services", "gonghui.members.models")))
    assert not check.kept
    assert check.metadata["broken"] == [("gonghui.assistance.services", "gonghui.members.models")]
    assert "gonghui.assistance" in check.metadata["apps"]


def test_selectors_the_kernel_and_tests_are_allowed():
    check = _check(_graph(("gonghui.assistance.services", "gonghui.members.selectors"),
                          ("gonghui.assistance.services", "gonghui.core.audit"),
                          ("gonghui.assistance.tests.test_files", "gonghui.members.tests.factories")))
    assert check.kept


def test_an_ignored_pair_is_allowed():
    graph = _graph(("gonghui.assistance.services", "gonghui.members.models"))
    assert _check(graph, ignore_imports=["gonghui.assistance.services -> gonghui.members.models"]).kept


def test_the_kernel_imports_no_app():
    check = _check(_graph(("gonghui.core.audit", "gonghui.members.selectors")))
    assert check.metadata["broken"] == [("gonghui.core.audit", "gonghui.members.selectors")]
