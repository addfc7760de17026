import pytest

from core.models import AgencySettings
from home import demo
from home.models import ContactPage, NewsPage


@pytest.mark.django_db
def test_demo_news_and_contact_load_once_and_render(agency_site, client):
    demo.load(agency_site)
    count = NewsPage.objects.count()
    demo.load(agency_site)
    assert NewsPage.objects.count() == count >= 8

    settings = AgencySettings.for_site(agency_site)
    assert settings.address.startswith("ศาลากลางจังหวัดเพชรบุรี ถนนราชวิถี")
    assert settings.phone == "0 3242 5039" and settings.email
    contact = ContactPage.objects.descendant_of(agency_site.root_page).get()
    assert contact.map_url.startswith("https://")

    news = NewsPage.objects.live().descendant_of(agency_site.root_page)
    assert news.filter(urgent=True).count() == 1
    for page in [*news, contact, news.first().get_parent()]:
        assert client.get(page.url).status_code == 200
    home = client.get("/")
    assert home.context["urgent_notices"][0].slug == "flash-flood-warning"
    assert "ประกาศเตือนภัยน้ำท่วมฉับพลัน" in home.content.decode()
