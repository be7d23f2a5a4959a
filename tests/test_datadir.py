from scrapy.settings import Settings

from newscrawl.datadir import data_dir


def test_configured_data_dir_is_created(tmp_path):
    target = tmp_path / "state" / "deep"
    assert data_dir(Settings({"NEWSCRAWL_DATA_DIR": str(target)})) == target
    assert target.is_dir()


def test_project_without_scrapy_cfg_falls_back_to_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    assert data_dir(Settings()) == tmp_path / ".scrapy" / "newscrawl"
