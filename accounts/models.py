from django.conf import settings
from django.db import models


class UserSession(models.Model):
    """One signed-in session of a user, by its key in the session store (``SESSION_ENGINE``), so that a user's
    sessions can be ended wherever the store keeps them (database, cache): the store itself cannot be searched by
    user. Written when a user signs in and whenever the session's key changes (``accounts.sessions``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="ผู้ใช้")
    session_key = models.CharField("รหัสเซสชัน", max_length=40, unique=True)
    created_at = models.DateTimeField("เริ่มเมื่อ", auto_now_add=True)

    class Meta:
        verbose_name = "เซสชันของผู้ใช้"
        verbose_name_plural = "เซสชันของผู้ใช้"

    def __str__(self):
        return f"{self.user_id}: {self.created_at:%Y-%m-%d %H:%M}"
