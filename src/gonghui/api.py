"""The /api/v1/ application: one NinjaAPI that mounts the router each app's manifest names (core.api holds the
shared base); adding a module edits nothing here."""

from gonghui.core import manifest
from gonghui.core.api.base import build_api
from gonghui.core.api.contract import enforce_request_contract

api = build_api()
for router in manifest.api_routers():
    api.add_router("/", router)
enforce_request_contract(api)  # request models say exactly what they take (core/api/contract.py)
