"""django-axes' lockout check, first of ``AUTHENTICATION_BACKENDS``."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a sign-in from a locked-out username or client address (django-axes).

    A sign-in through a web form always carries its request. ``authenticate()`` without one (code, a management
    command, the test client's ``login()``) has no client to throttle: it is left to the next backend instead of
    failing as axes' own backend does."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
