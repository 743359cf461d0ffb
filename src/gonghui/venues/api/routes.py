"""The venues router (one module per concept, added here)."""

from ninja import Router

router = Router()
