import pytest

from documents.models import LibraryDocument
from services import demo
from services.models import ServicePage


@pytest.mark.django_db
def test_demo_manuals_load_once_and_render(agency_site, client):
    demo.load(agency_site)
    counts = (ServicePage.objects.count(), LibraryDocument.objects.count())
    demo.load(agency_site)
    assert (ServicePage.objects.count(), LibraryDocument.objects.count()) == counts
    assert counts[0] >= 3

    manuals = ServicePage.objects.live().descendant_of(agency_site.root_page)
    assert {m.slug for m in manuals} >= {"house-number-request", "commercial-registration", "complaints"}
    assert any(m.no_fee for m in manuals) and any(m.fees.exists() for m in manuals)
    for manual in manuals:
        assert manual.steps.exists() and manual.required_documents.exists()
        forms = [item.document for item in manual.published_documents.all()]
        assert forms and all(doc.file_type_label == "PDF" and doc.file_size > 1000 for doc in forms)
        response = client.get(manual.url)
        assert response.status_code == 200
        assert "ระยะเวลาดำเนินการรวม" in response.content.decode()
        assert "ดาวน์โหลดแบบฟอร์ม" in response.content.decode()

    house = manuals.get(slug="house-number-request")
    assert house.total_duration == "1 วันทำการ 1 ชั่วโมง"
    assert "ไม่มีค่าธรรมเนียม" in client.get(house.url).content.decode()
    assert client.get(manuals.first().get_parent().url).status_code == 200
