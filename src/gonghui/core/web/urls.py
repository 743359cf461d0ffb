from django.urls import path

from . import views, views_audit, views_auth, views_files, views_messages, views_sessions, views_tokens

urlpatterns = [
    path("", views.home_view, name="home"),
    path("login/", views_auth.login_view, name="login"),
    path("logout/", views_auth.logout_view, name="logout"),
    path("password/", views_auth.password_change_view, name="password_change"),
    path("2fa/setup/", views_auth.totp_setup_view, name="totp_setup"),
    path("2fa/verify/", views_auth.totp_verify_view, name="totp_verify"),
    path("switch-org/", views.switch_org_view, name="switch_org"),
    path("sessions/", views_sessions.sessions_view, name="sessions"),
    path("sessions/<int:session_id>/end/", views_sessions.session_end_view, name="session_end"),
    path("sessions/end-others/", views_sessions.sessions_end_others_view, name="sessions_end_others"),
    path("tokens/", views_tokens.api_tokens_view, name="api_tokens"),
    path("tokens/<int:token_id>/revoke/", views_tokens.api_token_revoke_view, name="api_token_revoke"),
    path("messages/", views_messages.staff_messages, name="messages"),
    path("messages/<int:message_id>/read/", views_messages.staff_message_read, name="message_read"),
    path("messages/read-all/", views_messages.staff_messages_read_all, name="messages_read_all"),
    path("files/<int:attachment_id>/", views_files.staff_file, name="file"),
    path("audit/", views_audit.audit_list_view, name="audit_list"),
    path("audit/export.csv", views_audit.audit_export_view, name="audit_export"),
    path("audit/verify/", views_audit.audit_verify_view, name="audit_verify"),
]
