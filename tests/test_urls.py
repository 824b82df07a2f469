from scraper.urls import canonical, identity

PORTAL = (
    "https://sotttt.angiang.gov.vn/wps/portal/Home/2018/tin-chi-tiet/tai-lieu-cong-bo/"
    "131a2c47-a6e7-4e2b-9605-b45903598728"
)


def test_portal_state_is_removed():
    url = PORTAL + "/!ut/p/z1/04_Sj9CPykssy0xPLMnMz0vMAfIjo8zinSx8QnyMLI3cQ/dz/d5/L2dBISEvZ0FBIS9nQSEh/"
    assert canonical(url) == PORTAL


def test_host_case_default_port_fragment_and_tracking_are_dropped():
    url = "HTTPS://SoTTTT.AnGiang.gov.vn:443/tin-tuc/x?b=2&a=1&utm_source=fb&fbclid=Z#top"
    assert canonical(url) == "https://sotttt.angiang.gov.vn/tin-tuc/x?a=1&b=2"


def test_session_path_parameter_is_dropped_and_real_query_kept():
    assert (
        canonical("http://127.0.0.1:8123/node/5;jsessionid=abc?page=1")
        == "http://127.0.0.1:8123/node/5?page=1"
    )


def test_identity_ignores_scheme():
    assert identity("http://sotttt.angiang.gov.vn/node/5") == identity("https://SOTTTT.angiang.gov.vn/node/5")
    assert identity("https://sotttt.angiang.gov.vn/node/5") == "sotttt.angiang.gov.vn/node/5"


def test_cache_buster_and_decomposed_unicode_do_not_make_another_url():
    file = "https://sotttt.angiang.gov.vn/wps/wcm/connect/lib/uuid/a.pdf?MOD=AJPERES&CACHEID=ROOTWORKSPACE-1"
    assert canonical(file) == "https://sotttt.angiang.gov.vn/wps/wcm/connect/lib/uuid/a.pdf?MOD=AJPERES"
    nfd = "https://sotttt.angiang.gov.vn/tin-tuc/bie\u0302n-gio\u031b\u0301i"
    assert canonical(nfd) == canonical("https://sotttt.angiang.gov.vn/tin-tuc/biên-giới")
