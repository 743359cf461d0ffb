"""Which sign-in steps a staff user still owes (password expiry, second factor). Filled in by the sign-in
module; kept here so the middleware has one place to ask."""


def pending_step(request) -> str | None:
    return None
