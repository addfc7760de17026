"""The skeleton's tree rules: every category page lives under an agency home page, once, and nowhere else."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from disclosure.models import BasicInfoIndexPage, LawIndexPage, OfficialInfoIndexPage, PlanIndexPage
from home.models import ContactPage, HomePage, NewsIndexPage, NewsPage, QuestionIndexPage, StandardPage
from integrity.models import IntegrityIndexPage
from oversight.models import ItaEvidencePage
from services.models import ServiceIndexPage

CATEGORY_INDEXES = [BasicInfoIndexPage, PlanIndexPage, LawIndexPage, OfficialInfoIndexPage, ServiceIndexPage]


class SkeletonTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        for index in CATEGORY_INDEXES + [NewsIndexPage]:
            self.assertCanNotCreateAt(index, HomePage)

    def test_home_page_children(self):
        allowed = {
            *CATEGORY_INDEXES,
            NewsIndexPage,
            StandardPage,
            ContactPage,
            QuestionIndexPage,
            IntegrityIndexPage,
            ItaEvidencePage,
        }
        self.assertAllowedSubpageTypes(HomePage, allowed)

    def test_category_indexes_live_under_a_home_page_only(self):
        for index in CATEGORY_INDEXES + [NewsIndexPage, ContactPage, QuestionIndexPage, IntegrityIndexPage]:
            self.assertCanCreateAt(HomePage, index)
            self.assertCanNotCreateAt(Page, index)
            self.assertCanNotCreateAt(StandardPage, index)
            self.assertEqual(index.max_count_per_parent, 1, index)

    def test_news_and_policies(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertAllowedSubpageTypes(NewsPage, {})
        self.assertAllowedSubpageTypes(ContactPage, {})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
