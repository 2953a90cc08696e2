"""The collapsible JSON view: structure, escaping, and what starts collapsed."""

from endpoints.try_it.json_tree import json_tree


def test_strings_and_keys_are_escaped():
    """Markup inside a JSON key or value is shown as text, never run."""
    html = json_tree({"<b>": "<script>alert(1)</script>"})
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_scalars_get_their_own_classes():
    """Numbers, booleans, null and strings are marked for colouring."""
    html = json_tree([1, 2.5, True, None, "x"])
    for css in (
        'class="j-num">1<',
        'class="j-num">2.5<',
        'class="j-bool">true<',
        'class="j-null">null<',
        'class="j-str">&quot;x&quot;<',
    ):
        assert css in html


def test_deep_levels_start_collapsed_and_show_a_count():
    """The first two levels are open; deeper objects are closed with their size shown."""
    html = json_tree({"data": {"items": [{"a": 1}]}})
    assert html.count("<details open>") == 2
    assert '<details><summary><span class="j-punct">[</span><span class="j-count">1 item</span>' in html


def test_counts_are_singular_for_one():
    """A collapsed object or list with one entry says "1 key" or "1 item", and "2 keys" for more."""
    html = json_tree({"a": {"b": 1}, "c": [1, 2]})
    assert ">1 key<" in html and ">2 items<" in html and ">2 keys<" in html
    assert "1 keys" not in html and "1 items" not in html


def test_empty_containers_are_plain():
    """An empty object or list is shown as {} or [] without a toggle."""
    assert '<span class="j-punct">{}</span>' in json_tree({})
