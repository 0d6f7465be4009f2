"""App-wide Flask extensions, initialised by create_app: CSRF on every POST form
(Flask-WTF) and rate limits (Flask-Limiter; Redis storage with
COUNCILWATCH_RATELIMIT_STORAGE_URI=redis://…)."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
limiter = Limiter(get_remote_address, default_limits=[])
