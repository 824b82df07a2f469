"""The GC tuning extension: thresholds raised and start-up objects frozen once the engine starts."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from scrapy.exceptions import NotConfigured

from scraper.extensions.gc_tuning import GcTuning
from tests.store_factories import make_crawler


@pytest.fixture
def collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_the_engine_start_freezes_what_exists_and_sets_the_thresholds(collector: None) -> None:
    extension = GcTuning.from_crawler(make_crawler("sqlite://"))
    assert gc.get_freeze_count() == 0
    extension.engine_started()
    assert gc.get_threshold() == (10_000, 50, 50)
    assert gc.get_freeze_count() > 10_000  # the modules and objects loaded so far


@pytest.mark.parametrize("none", [[], ""])  # in settings.py, and -s GC_THRESHOLDS= on the command line
def test_no_thresholds_leave_the_collector_alone(collector: None, none: list | str) -> None:
    with pytest.raises(NotConfigured):
        GcTuning.from_crawler(make_crawler("sqlite://", GC_THRESHOLDS=none))


def test_thresholds_from_the_command_line(collector: None) -> None:
    GcTuning.from_crawler(make_crawler("sqlite://", GC_THRESHOLDS="2000,20,20")).engine_started()
    assert gc.get_threshold() == (2000, 20, 20)


@pytest.mark.parametrize("thresholds", [[1, 2], [0, 10, 10]])
def test_malformed_thresholds_are_refused(thresholds: list[int]) -> None:
    with pytest.raises(ValueError, match="GC_THRESHOLDS"):
        GcTuning.from_crawler(make_crawler("sqlite://", GC_THRESHOLDS=thresholds))
