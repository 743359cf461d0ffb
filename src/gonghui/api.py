"""The /api/v1/ application: one NinjaAPI that mounts each app's router (core.api holds the shared base)."""

from gonghui.core.api.base import build_api
from gonghui.core.api.contract import enforce_request_contract
from gonghui.core.api.routes import router as core_router

from .members.api.routes import router as members_router
from .mutual_aid.api.routes import router as mutual_aid_router
from .orgs.api.routes import router as orgs_router
from .venues.api.routes import router as venues_router

api = build_api()
api.add_router("/", core_router)
api.add_router("/", orgs_router)
api.add_router("/", members_router)
api.add_router("/", mutual_aid_router)
api.add_router("/", venues_router)
enforce_request_contract(api)  # request models say exactly what they take (core/api/contract.py)
