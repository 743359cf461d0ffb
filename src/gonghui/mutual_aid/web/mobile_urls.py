from django.urls import path

from . import mobile_views

urlpatterns = [
    path("", mobile_views.cover, name="cover"),
    path("claims/", mobile_views.claim_list, name="claim_list"),
    path("claims/new/", mobile_views.claim_new, name="claim_new"),
    path("claims/<int:pk>/", mobile_views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/documents/", mobile_views.claim_upload, name="claim_upload"),
    path("claims/<int:pk>/documents/<int:document_id>/remove/", mobile_views.claim_document_remove,
         name="claim_document_remove"),
    path("claims/<int:pk>/submit/", mobile_views.claim_submit, name="claim_submit"),
]
