from django.urls import path

from . import mobile_auth_views, mobile_views

urlpatterns = [
    path("", mobile_views.card, name="card"),
    path("membership/", mobile_views.membership, name="membership"),
    path("transfer/", mobile_views.transfer_request, name="transfer_request"),
    path("transfer/<int:transfer_id>/cancel/", mobile_views.transfer_cancel, name="transfer_cancel"),
    path("signup/", mobile_auth_views.signup, name="signup"),
    path("login/", mobile_auth_views.login_password, name="login"),
    path("login/code/", mobile_auth_views.login_code, name="login_code"),
    path("logout/", mobile_auth_views.logout_view, name="logout"),
]
