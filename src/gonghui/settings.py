"""One settings module, driven by environment variables (12-factor).

DATABASE_URL unset -> a SQLite file under var/; postgres://... -> PostgreSQL.
Every secret has a development default that is refused when GONGHUI_ENV=production.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from gonghui.core.logging import logging_config


def _int_env(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("GONGHUI_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = os.environ.get("GONGHUI_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = os.environ.get("GONGHUI_DEBUG", "0" if PRODUCTION else "1") == "1"

_DEV_SECRET = "dev-only-secret-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = os.environ.get("GONGHUI_SECRET_KEY", _DEV_SECRET)
if PRODUCTION and SECRET_KEY == _DEV_SECRET:
    raise RuntimeError("GONGHUI_SECRET_KEY must be set in production")

# Reverse proxies (addresses or networks, comma-separated) whose X-Real-IP header names the client: the audit
# log and the per-address limits use it. GONGHUI_TRUST_X_REAL_IP=1 (older switch) means nginx on this machine.
GONGHUI_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("GONGHUI_TRUSTED_PROXIES", "").split(",") if p.strip()]
if not GONGHUI_TRUSTED_PROXIES and os.environ.get("GONGHUI_TRUST_X_REAL_IP") == "1":
    GONGHUI_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
for _proxy in GONGHUI_TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a mistyped entry stops the start, not the first request

ALLOWED_HOSTS = os.environ.get("GONGHUI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("GONGHUI_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "gonghui.core",
    "gonghui.orgs",
    "gonghui.members",
    "gonghui.mutual_aid",
    "gonghui.venues",
    "gonghui.media",
    "gonghui.assistance",
    "gonghui.workforce",
    "gonghui.rights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gonghui.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gonghui.core.middleware.RequestContextMiddleware",
    "gonghui.core.middleware.SessionLifetimeMiddleware",
    "gonghui.core.middleware.StaffSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gonghui.urls"
WSGI_APPLICATION = "gonghui.wsgi.application"
ASGI_APPLICATION = "gonghui.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gonghui.core.context_processors.platform",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gonghui.sqlite3'}",
        conn_max_age=int(os.environ.get("GONGHUI_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN so two writers
    # queue instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-gonghui.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- background jobs (Django's tasks API: django-tasks with the database backend; worker: `gonghui db_worker`) --
# GONGHUI_TASKS_BACKEND=immediate runs each job inside the request that submits it (tests, quick demos).
if os.environ.get("GONGHUI_TASKS_BACKEND") == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The province this deployment serves (GB/T 2260 two-digit code; 53 = Yunnan): the default province_code of new
# rows on the large tables, card numbers' prefix. One deployment per province (docs/deploy.md).
GONGHUI_PROVINCE_CODE = os.environ.get("GONGHUI_PROVINCE_CODE", "53")
# Uploads above this size are refused before anything is read.
GONGHUI_IMPORT_MAX_BYTES = int(os.environ.get("GONGHUI_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
# Import uploads (rosters: full ID and mobile numbers) and error reports are deleted once the import is committed,
# or this many hours after their last job (`gonghui purge_uploads`, run from cron and by `make run`).
GONGHUI_IMPORT_RETENTION_HOURS = int(os.environ.get("GONGHUI_IMPORT_RETENTION_HOURS", "24"))
# Every background job runs in a process of its own, stopped after this long (and nothing it wrote is kept) ...
GONGHUI_JOB_TIME_LIMIT_SECONDS = _int_env("GONGHUI_JOB_TIME_LIMIT_SECONDS", 30 * 60)
# ... and allowed this much address space (RLIMIT_AS): one file cannot block the worker or exhaust the machine.
GONGHUI_JOB_MEMORY_LIMIT_BYTES = _int_env("GONGHUI_JOB_MEMORY_LIMIT_BYTES", 2 * 1024**3)
# A running job that has written no progress for this long (and whose worker cannot be asked) counts as lost.
GONGHUI_JOB_STALE_SECONDS = int(os.environ.get("GONGHUI_JOB_STALE_SECONDS", "3600"))
# Workbooks up to this size are read by calamine (fast, holds the sheet in memory); larger ones stream.
GONGHUI_IMPORT_FAST_XLSX_BYTES = int(os.environ.get("GONGHUI_IMPORT_FAST_XLSX_BYTES", str(16 * 1024 * 1024)))
# Files from this size on are read and checked in a second process while the first writes (both cores work).
GONGHUI_IMPORT_PARALLEL_BYTES = int(os.environ.get("GONGHUI_IMPORT_PARALLEL_BYTES", str(4 * 1024 * 1024)))
# What one import file may cost: its .xlsx parts unpacked (summed), its cells, and the row errors it lists (the
# check stops after that many; the report gives them and says "at least").
GONGHUI_IMPORT_MAX_UNPACKED_BYTES = _int_env("GONGHUI_IMPORT_MAX_UNPACKED_BYTES", 256 * 1024 * 1024)
GONGHUI_IMPORT_MAX_CELLS = _int_env("GONGHUI_IMPORT_MAX_CELLS", 10_000_000)
GONGHUI_IMPORT_MAX_ROW_ERRORS = _int_env("GONGHUI_IMPORT_MAX_ROW_ERRORS", 10_000)

# --- cache ----------------------------------------------------------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["REDIS_URL"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- authentication -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["gonghui.core.auth.backends.ScopedPermissionBackend"]
LOGIN_URL = "staff:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "gonghui.core.auth.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "gonghui.core.auth.passwords.PasswordHistoryValidator"},
]
# A new password may not repeat the current one nor any of this many before it.
GONGHUI_PASSWORD_HISTORY = int(os.environ.get("GONGHUI_PASSWORD_HISTORY", "5"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
if os.environ.get("GONGHUI_FAST_PASSWORD_HASHER") == "1":  # tests only: PBKDF2 at full strength is slow
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

GONGHUI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("GONGHUI_PASSWORD_MAX_AGE_DAYS", "90"))
# Sign-in throttles (core/auth/throttle.py), each counted within a window of GONGHUI_LOGIN_LOCK_MINUTES:
# failures of one login name from one address lock that name for that address; failures of one name from any
# addresses lock the name for everyone (an attack from many addresses); failures from one address across names
# refuse that address without locking the names (one address can neither lock everyone nor spray passwords).
GONGHUI_LOGIN_MAX_FAILURES = _int_env("GONGHUI_LOGIN_MAX_FAILURES", 5)
GONGHUI_LOGIN_NAME_MAX_FAILURES = _int_env("GONGHUI_LOGIN_NAME_MAX_FAILURES", 25)
GONGHUI_LOGIN_ADDRESS_MAX_FAILURES = _int_env("GONGHUI_LOGIN_ADDRESS_MAX_FAILURES", 20)
GONGHUI_LOGIN_LOCK_MINUTES = _int_env("GONGHUI_LOGIN_LOCK_MINUTES", 15)
# Wrong second-factor codes are counted on their own, per account, never reset by a right password: this many
# within the window lock the account (each further wrong code in the window locks it again).
GONGHUI_SECOND_FACTOR_MAX_FAILURES = _int_env("GONGHUI_SECOND_FACTOR_MAX_FAILURES", 5)
GONGHUI_SECOND_FACTOR_WINDOW_MINUTES = _int_env("GONGHUI_SECOND_FACTOR_WINDOW_MINUTES", 24 * 60)
GONGHUI_SECOND_FACTOR_LOCK_MINUTES = _int_env("GONGHUI_SECOND_FACTOR_LOCK_MINUTES", 60)
GONGHUI_TOTP_ISSUER = os.environ.get("GONGHUI_TOTP_ISSUER", "Gonghui")

# Idle timeout: the session lives 30 minutes past the last request.
SESSION_COOKIE_AGE = int(os.environ.get("GONGHUI_IDLE_TIMEOUT_SECONDS", "1800"))
# Absolute lifetime: a session signed in longer ago than this is signed out, however active it is
# (core.middleware.SessionLifetimeMiddleware).
GONGHUI_SESSION_MAX_AGE_SECONDS = _int_env("GONGHUI_SESSION_MAX_AGE_SECONDS", 12 * 3600)
# Every API token expires, at most this many days after its creation (existing ones included).
GONGHUI_API_TOKEN_MAX_DAYS = _int_env("GONGHUI_API_TOKEN_MAX_DAYS", 365)
SESSION_SAVE_EVERY_REQUEST = True
# A staff account holds at most this many signed-in sessions: a new sign-in ends the oldest (0: no limit). Each
# holder sees their sessions at /staff/sessions/ and can end them (core/auth/sessions.py).
GONGHUI_STAFF_MAX_SESSIONS = _int_env("GONGHUI_STAFF_MAX_SESSIONS", 2)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Every page (core.middleware.SecurityHeadersMiddleware): scripts, styles, fonts and data only from the platform
# itself (htmx, ECharts and Leaflet are served by it), no inline script or style, no plug-ins, no framing; images
# also as data:/blob: URLs (chart exports, map tiles drawn in the page). Unions run on intranets: nothing outside.
GONGHUI_CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
    "font-src 'self'", "connect-src 'self'", "media-src 'self'", "object-src 'none'", "base-uri 'self'",
    "form-action 'self'", "frame-ancestors 'none'", "frame-src 'none'", "worker-src 'self' blob:",
    "manifest-src 'self'",
])
# The phone's location serves the station finder; the camera, microphone and the rest are never asked for.
GONGHUI_PERMISSIONS_POLICY = ", ".join([
    "geolocation=(self)", "camera=()", "microphone=()", "payment=()", "usb=()", "serial=()", "bluetooth=()",
    "magnetometer=()", "gyroscope=()", "accelerometer=()", "display-capture=()", "browsing-topics=()",
])

# Audit events are kept this many days, then may be archived and purged (`gonghui audit_purge`); never below the
# 180 days MLPS level 3 asks for (the PostgreSQL trigger refuses younger ones whatever this says).
GONGHUI_AUDIT_RETENTION_DAYS = _int_env("GONGHUI_AUDIT_RETENTION_DAYS", 365)
if GONGHUI_AUDIT_RETENTION_DAYS < 180:
    raise RuntimeError("GONGHUI_AUDIT_RETENTION_DAYS must be at least 180 (MLPS level 3: six months of audit)")
GONGHUI_AUDIT_ARCHIVE_DIR = Path(os.environ.get("GONGHUI_AUDIT_ARCHIVE_DIR", VAR_DIR / "audit-archive"))

# --- sensitive fields -----------------------------------------------------------------------------------
# GONGHUI_FIELD_KEYS: "id:algorithm:base64key,..." newest first; the first one encrypts, all of them decrypt.
# algorithm is aes (AES-256-GCM) or sm4 (SM4-GCM, for commercial-cryptography assessments).
_DEV_FIELD_KEYS = "dev1:aes:Z29uZ2h1aS1kZXYtb25seS1maWVsZC1rZXktMzJieXQ="
GONGHUI_FIELD_KEYS = os.environ.get("GONGHUI_FIELD_KEYS", _DEV_FIELD_KEYS)
_DEV_HASH_KEY = "dev-only-lookup-hash-key"
GONGHUI_HASH_KEY = os.environ.get("GONGHUI_HASH_KEY", _DEV_HASH_KEY)
if PRODUCTION and (GONGHUI_FIELD_KEYS == _DEV_FIELD_KEYS or GONGHUI_HASH_KEY == _DEV_HASH_KEY):
    raise RuntimeError("GONGHUI_FIELD_KEYS and GONGHUI_HASH_KEY must be set in production")

# --- SMS (worker one-time codes) ------------------------------------------------------------------------
GONGHUI_SMS_BACKEND = os.environ.get("GONGHUI_SMS_BACKEND", "gonghui.core.sms.ConsoleSmsBackend")
GONGHUI_SMS_FILE_PATH = os.environ.get("GONGHUI_SMS_FILE_PATH", str(VAR_DIR / "sms-outbox.log"))
# Code requests within an hour, from one client address and over all addresses: past the first figure each one
# needs a picture challenge (core.captcha), past the second they are refused (core/auth/otp.py).
GONGHUI_SMS_ADDRESS_FREE_PER_HOUR = _int_env("GONGHUI_SMS_ADDRESS_FREE_PER_HOUR", 3)
GONGHUI_SMS_ADDRESS_MAX_PER_HOUR = _int_env("GONGHUI_SMS_ADDRESS_MAX_PER_HOUR", 20)
GONGHUI_SMS_FREE_PER_HOUR = _int_env("GONGHUI_SMS_FREE_PER_HOUR", 300)
GONGHUI_SMS_MAX_PER_HOUR = _int_env("GONGHUI_SMS_MAX_PER_HOUR", 3000)
# Notifications by SMS (core.messaging): tries per message, and the first wait before a retry (doubled each time).
GONGHUI_NOTIFY_SMS_MAX_ATTEMPTS = _int_env("GONGHUI_NOTIFY_SMS_MAX_ATTEMPTS", 5)
GONGHUI_NOTIFY_SMS_RETRY_SECONDS = _int_env("GONGHUI_NOTIFY_SMS_RETRY_SECONDS", 60)

# --- i18n -----------------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static files ---------------------------------------------------------------------------------------
# Front-end packages come from the npm registry at build time (package.json) and are served by the app.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GONGHUI_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/leaflet", PROJECT_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/echarts", PROJECT_DIR / "node_modules" / "echarts" / "dist"),
    ("vendor/trix", PROJECT_DIR / "node_modules" / "trix" / "dist"),  # the newsroom's rich-text editor
]
# Private files (claim documents, import uploads and reports, venue photos) are encrypted at rest with the field
# keys (core/files.py); they are never served by a public URL.
STORAGES = {
    "default": {"BACKEND": "gonghui.core.files.EncryptedFileSystemStorage",
                "OPTIONS": {"location": str(VAR_DIR / "private-files")}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- logging: personal data never reaches a log line (core.logging scrubs it) ---------------------------
# Every line, the access logs' too, goes through the personal-data filter (core/logging.py).
LOGGING = logging_config(os.environ.get("GONGHUI_LOG_LEVEL", "INFO"))

PLATFORM_NAME = _("Gonghui digital trade union")
