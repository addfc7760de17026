from django.db import models

MAX_QUERY_LOG_CHARS = 100


class SearchQueryDay(models.Model):
    """How many times a site's visitors searched for one (normalised) query on a day, and how many of those searches
    found nothing: one row per site, query and day, one UPDATE per search."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="เว็บไซต์")
    query_string = models.CharField("คำค้น", max_length=MAX_QUERY_LOG_CHARS)
    day = models.DateField("วันที่")
    hits = models.PositiveIntegerField("จำนวนครั้งที่ค้นหา", default=0)
    no_result_hits = models.PositiveIntegerField("จำนวนครั้งที่ไม่พบผลลัพธ์", default=0)

    class Meta:
        verbose_name = "สถิติคำค้นรายวัน"
        verbose_name_plural = "สถิติคำค้นรายวัน"
        constraints = [models.UniqueConstraint(fields=["site", "query_string", "day"], name="unique_search_query_day")]
        indexes = [models.Index(fields=["site", "day"], name="search_query_site_day")]

    def __str__(self):
        return f"{self.query_string} ({self.day}): {self.hits}"
