from django.urls import path

from home import feeds, views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    path("feeds/news/", feeds.NewsFeed(), name="feed_news"),
    path("feeds/updates/", feeds.UpdatesFeed(), name="feed_updates"),
    path("feeds/updates/<str:slug>/", feeds.UpdatesFeed(), name="feed_category_updates"),
]
