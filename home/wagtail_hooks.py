"""The home app's admin: คำถามจากประชาชน, the questions citizens sent through the agency's Q&A page (ITA O8)."""

from wagtail import hooks

from home.questions_admin import QuestionViewSet


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return QuestionViewSet("home_questions", url_prefix="questions")
