import pytest

from scraper.storage.run_lock import RunLock, RunLockBusy


def test_one_holder_at_a_time_then_free_again(database_url):
    holder = RunLock(database_url).__enter__()
    with pytest.raises(RunLockBusy, match="another crawl of sotttt is writing to"), RunLock(database_url):
        pass
    holder.__exit__(None, None, None)
    with RunLock(database_url):  # released on exit
        pass


def test_different_databases_do_not_block_each_other(tmp_path):
    with RunLock(f"sqlite:///{tmp_path / 'a.sqlite3'}"), RunLock(f"sqlite:///{tmp_path / 'b.sqlite3'}"):
        assert (tmp_path / "a.sqlite3.lock").read_text().strip().isdigit()
