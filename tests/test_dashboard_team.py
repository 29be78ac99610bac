"""Several dashboards on one PostgreSQL store (a team server): a correction saved in one shows in
the other on its next run. The two dashboards are two AppTest sessions in this process, each
opening the store under its own URL, so each has its own store object and connection pool (as two
Streamlit servers would); only the database connects them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from postgres_cluster import Cluster
from streamlit.testing.v1 import AppTest

from components.store.event_store import open_store
from components.store.ingest import ingest_paths
from components.ui.data import current_store
from components.ui.event_source import EventSource
from components.ui.i18n import t, type_label

ROOT = Path(__file__).resolve().parent.parent


class Dashboard:
    """One dashboard session reading the store at ``location``."""

    def __init__(self, location: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.location, self._monkeypatch = location, monkeypatch
        self.app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)

    def run(self) -> Dashboard:
        self._monkeypatch.setenv("TIMELINE_DB", self.location)  # what this server was started with
        self.app.run()
        assert not self.app.exception and not self.app.error
        return self

    def table(self) -> pd.DataFrame:
        return self.app.dataframe[0].value

    def correct_type(self, event_id: str, new_type: str) -> None:
        """Open the event, switch its correction form on and save a new type."""
        self.app.query_params["event"] = event_id
        self.run()
        self.app.toggle(key=f"_correcting_{event_id}_en").set_value(True)
        self.run()
        key = f"correct_{event_id}"
        self.app.selectbox(key=f"{key}_type").set_value(new_type)
        self.app.text_input(key=f"{key}_reason").set_value("checked against the article")
        self.app.text_input(key=f"{key}_author").set_value("Lilit")
        self.app.button[[b.proto.label for b in self.app.button].index("Save correction")].click()
        self.run()


@pytest.fixture()
def team_store(postgres_cluster: Cluster) -> Iterator[str]:
    database = postgres_cluster.create_database()
    url = postgres_cluster.url(database)
    with open_store(url) as store:
        assert not ingest_paths(store, [ROOT / "data" / "articles"], progress=False).failed
    yield url
    postgres_cluster.drop_database(database)


def test_two_dashboards_on_one_postgresql_store_see_each_others_corrections_on_the_next_run(
    team_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIMELINE_EVENTS_JSONL", raising=False)
    other_url = team_store.replace("postgresql://", "postgres://", 1)  # the same database, another store object
    first, second = Dashboard(team_store, monkeypatch).run(), Dashboard(other_url, monkeypatch).run()
    assert current_store(EventSource("store", team_store)) is not current_store(EventSource("store", other_url))
    before = first.table()
    assert before.equals(second.table()) and len(before) >= 2
    type_column = t("col_type", "en")
    one, two = str(before.index[0]), str(before.index[1])
    new_types = {
        event_id: next(t for t in ("agreement", "protest") if type_label(t, "en") != before.loc[event_id, type_column])
        for event_id in (one, two)
    }

    second.correct_type(one, new_types[one])
    assert second.table().loc[one, type_column] == type_label(new_types[one], "en")
    first.run()  # one run later the other dashboard shows it
    assert first.table().loc[one, type_column] == type_label(new_types[one], "en")

    first.correct_type(two, new_types[two])
    second.run()
    assert second.table().loc[two, type_column] == type_label(new_types[two], "en")
    with open_store(team_store) as store:
        assert [c["author"] for c in store.list_corrections()] == ["Lilit", "Lilit"]
