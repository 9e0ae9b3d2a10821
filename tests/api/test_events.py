"""Event mentions, story events, timelines, trends and the network, with their filters."""

from __future__ import annotations

import pytest


def _ids(resp) -> list:  # type: ignore[no-untyped-def]
    assert resp.status_code == 200, resp.text
    return [x["id"] for x in resp.json()["items"]]


def test_events_filter_by_dyad_either_order(client) -> None:
    a = _ids(client.get("/api/events", params={"dyad": "CHN,RUS"}))
    b = _ids(client.get("/api/events", params={"dyad": "RUS-CHN"}))
    assert sorted(a) == sorted(b)
    assert len(a) == 6 and "medvedev:0" in a
    assert _ids(client.get("/api/events", params={"dyad": "CHN,USA"})) == []
    assert set(_ids(client.get("/api/events", params={"actor": "Medvedev"}))) == {"medvedev:0"}


def test_events_filters_by_code_modality_root_quad_text_and_dates(client) -> None:
    assert _ids(client.get("/api/events", params={"modality": "planned"})) == ["announce:0"]
    assert _ids(client.get("/api/events", params={"root": "5"})) == ["report1:1"]
    assert _ids(client.get("/api/events", params={"quad_class": 4})) == []
    coop = _ids(client.get("/api/events", params={"quad_class": [1, 2]}))
    assert len(coop) == 6
    assert _ids(client.get("/api/events", params={"text": "Kremlin said"})) == ["medvedev:0"]
    dated = _ids(client.get("/api/events", params={"since": "2023-03-21", "until": "2023-03"}))
    assert dated == ["report1:1"]
    assert _ids(client.get("/api/events", params={"actor": "RUSGOV", "root": "05"})) == [
        "report1:1"
    ]


def test_event_rows_carry_codes_and_article(client) -> None:
    row = client.get("/api/events", params={"article": "report2"}).json()["items"][0]
    assert row["cameo_name"] and row["quad_class"] == 1
    assert row["source"]["name"] == "Xi Jinping" and row["target"]["country"] == "RUS"
    assert row["article"] == {
        "id": "report2",
        "title": "Title report2",
        "outlet": "Wire C",
        "published": "2023-03-22",
    }
    assert row["story_id"] is not None


@pytest.mark.parametrize(
    "params, field",
    [
        ({"quad_class": 5}, "quad_class"),
        ({"root": "42"}, "root"),
        ({"modality": "maybe"}, "modality"),
        ({"since": "March"}, "since"),
        ({"dyad": "CHN"}, "dyad"),
    ],
)
def test_bad_filters_are_422_with_the_field_named(client, params, field) -> None:
    for path in ("/api/events", "/api/story-events", "/api/timeline"):
        r = client.get(path, params=params)
        assert r.status_code == 422, (path, r.text)
        assert field in r.json()["error"]["message"]


def test_story_events_merge_reports_and_list_sources(client) -> None:
    items = client.get(
        "/api/story-events", params={"dyad": "CHN,RUS", "modality": "occurred", "root": "04"}
    ).json()["items"]
    visit = next(i for i in items if i["date"]["value"] == "2023-03-20")
    docs = {s["doc_id"] for s in visit["sources"]}
    assert {"report1", "report2"} <= docs
    bare = client.get("/api/story-events", params={"dyad": "CHN,RUS", "sources": False}).json()
    assert all(i["sources"] == [] for i in bare["items"])


def test_story_events_quad_class_narrows_roots(client) -> None:
    verbal = client.get("/api/story-events", params={"quad_class": 1}).json()["items"]
    assert verbal and all(i["quad_class"] == 1 for i in verbal)
    none = client.get("/api/story-events", params={"quad_class": 1, "root": "18"}).json()
    assert none["items"] == []


def test_timeline_pages_dated_then_undated(client) -> None:
    full = client.get("/api/timeline", params={"dyad": "CHN,RUS"}).json()
    dates = [e["date"]["value"] for e in full["entries"]]
    assert dates == sorted(dates) and all(dates)
    assert full["undated"] and full["next_offset"] is None
    total = len(full["entries"]) + len(full["undated"])
    first = client.get("/api/timeline", params={"dyad": "CHN,RUS", "limit": 1}).json()
    assert len(first["entries"]) == 1 and first["next_offset"] == 1
    last = client.get(
        "/api/timeline", params={"dyad": "CHN,RUS", "limit": 1, "offset": total - 1}
    ).json()
    assert last["undated"] and last["next_offset"] is None


def test_trend_json_and_png(client) -> None:
    data = client.get("/api/trend", params={"a": "CHN", "b": "RUS"}).json()
    assert data["months"][0]["month"] == "2023-03"
    png = client.get("/api/trend.png", params={"a": "CHN", "b": "RUS"})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    none = client.get("/api/trend.png", params={"a": "USA", "b": "FRA"})
    assert none.status_code == 404 and "USA" in none.json()["error"]["message"]
    assert client.get("/api/trend", params={"a": "china", "b": "RUS"}).status_code == 422


def test_network_edges_split_cooperation_and_conflict(client) -> None:
    net = client.get("/api/network").json()
    edge = net["edges"][0]
    assert (edge["source"], edge["target"]) == ("CHN", "RUS")
    assert edge["cooperation"] == edge["events"] and edge["conflict"] == 0
    assert {n["id"] for n in net["nodes"]} == {"CHN", "RUS"}
    assert client.get("/api/network", params={"modality": "negated"}).json()["edges"] == []
    assert client.get("/api/network", params={"min_events": 99}).json()["nodes"] == []
