"""The Atom feed of what changed: one entry per sync that changed anything."""

from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from endpoints import selectors

FEED_LENGTH = 30


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "KuCoin API changes"
    subtitle = "What each catalogue sync added, changed and retired, breaking changes marked."

    def link(self):
        return reverse("history:changes")

    def items(self):
        return selectors.change_runs()[:FEED_LENGTH]

    def item_title(self, item):
        breaking = sum(1 for change in item.changes.all() if change.breaking)
        counts = f"{item.created} added, {item.updated} updated, {item.retired} retired"
        return f"{item.source}: {counts}" + (f", {breaking} breaking" if breaking else "")

    def item_description(self, item):
        return render_to_string("history/_run.html", {"run": item})

    def item_link(self, item):
        return reverse("history:sync", kwargs={"pk": item.pk})

    def item_pubdate(self, item):
        return item.finished_at

    def item_updateddate(self, item):
        return item.finished_at
