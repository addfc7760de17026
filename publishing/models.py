from django.contrib.auth.models import Group
from django.db import models

from wagtail.models import Site


class AgencyRole(models.TextChoices):
    EDITORS = "editors", "ผู้จัดทำข้อมูล"
    WORKING_GROUP = "working_group", "คณะทำงานฯ"
    ADMINISTRATORS = "administrators", "ผู้ดูแลระบบเว็บไซต์"
    EXECUTIVES = "executives", "ผู้บริหาร"


class AgencyGroup(models.Model):
    """One of an agency's four groups (R3): which Django group plays which role for which site."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="agency_groups", verbose_name="เว็บไซต์")
    role = models.CharField("บทบาท", max_length=32, choices=AgencyRole.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="agency_role", verbose_name="กลุ่ม")

    class Meta:
        verbose_name = "กลุ่มผู้ใช้ของหน่วยงาน"
        verbose_name_plural = "กลุ่มผู้ใช้ของหน่วยงาน"
        constraints = [models.UniqueConstraint(fields=["site", "role"], name="unique_agency_role")]

    def __str__(self):
        return self.group.name
