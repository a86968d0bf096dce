"""Reference-list parsing and citation linking, on kim2013's real list and on printed variants."""
from __future__ import annotations

import re

import pytest
from conftest import PDF_DIR, parts, read_once

from qa.ingest.citations import find_citations
from qa.models import Citation
from qa.ingest.references import link_citations, parse_entry, parse_references

@pytest.fixture(scope="module")
def kim(cleaned) -> tuple[str, tuple[int, int] | None, list[tuple[int, int]]]:
    return parts(cleaned["kim2013"])


def test_kim2013_has_154_entries_in_order(kim) -> None:
    text, span, _skip = kim
    refs = parse_references(text, span, "kim2013")
    assert [r.number for r in refs] == list(range(1, 155))
    assert [r.key for r in refs] == [str(n) for n in range(1, 155)]
    assert {r.doc_id for r in refs} == {"kim2013"}
    for ref in refs:
        assert not re.match(r"\d+\.", ref.text), ref.text  # the leading number is not part of it
        assert ref.year and 1950 < ref.year < 2014, ref.text
        assert ref.authors and ref.journal and ref.pages and ref.title, ref.text
        # running headers, page numbers and URLs between pages are not part of any entry
        assert "Korean Journal of Internal Medicine" not in ref.text
        assert "kjim.org" not in ref.text and "Kim N and Cho SG" not in ref.text


def test_kim2013_entry_116_fields(kim) -> None:
    text, span, _skip = kim
    ref = parse_references(text, span, "kim2013")[115]
    assert ref.number == 116
    assert "Liang J" in ref.text and "Ann Rheum Dis" in ref.text and "2010" in ref.text
    assert ref.authors == ["Liang J", "Zhang H", "Hua B"]
    assert ref.title.startswith("Allogenic mesenchymal stem cells transplantation")
    assert ref.title.endswith("a pilot clinical study")
    assert (ref.journal, ref.year, ref.volume, ref.pages) == ("Ann Rheum Dis", 2010, "69", "1423-1429")


def test_kim2013_entries_split_by_page_breaks(kim) -> None:
    text, span, _skip = kim
    refs = {r.number: r for r in parse_references(text, span, "kim2013")}
    # 125 runs over a page break with a running header in the middle of an author's name
    assert refs[125].authors[:2] == ["Mohamadnejad M", "Alimoghaddam K"]
    assert refs[125].journal == "Arch Iran Med" and refs[125].year == 2007
    assert refs[148].authors[0] == "van Eekelen M" and refs[148].journal == "Oncogene"
    assert refs[108].volume == "71(4 Pt 2)" and refs[108].pages == "433-438"
    assert refs[16].title.endswith("?") and refs[16].journal == "Circ Res"
    assert refs[16].pages == "e120"


def test_kim2013_citations_all_resolve(kim) -> None:
    text, span, skip = kim
    refs = parse_references(text, span, "kim2013")
    linked = link_citations(find_citations(text, skip_spans=skip), refs)
    assert linked and all(c.resolved for c in linked)
    by_number = {r.key: r.text for r in refs}
    assert all(c.reference == by_number[c.key] for c in linked)
    liang = [c for c in linked if c.key == "116"]
    assert liang and "Ann Rheum Dis" in liang[0].reference


def test_documents_without_a_list_give_no_references(cleaned) -> None:
    for doc_id in ("figueroa2012", "pmc3782548"):
        text, span, _skip = parts(cleaned[doc_id])
        assert parse_references(text, span, doc_id) == []


def test_numbered_list_with_split_entries_and_leftover_header() -> None:
    text = (
        "Body text [1,2].\n\nREFERENCES\n\n"
        "1. Kim EJ, Kim N, Cho SG. The potential use of mesenchymal stem cells in hemato-\n"
        "poietic stem cell transplantation. Exp Mol Med 2013;45:e2.\n\n"
        "2. Pittenger MF, Mackay AM, Beck SC, et al. Multilineage \n\n"
        "401\n\nThe Journal of Things Vol. 28, No. 4\n\nwww.example.org http://dx.doi.org/10.1/x\n\n"
        "potential of adult human mesenchymal stem cells. Science 1999;284:143-147.\n"
        "3. Izadpanah R, Trygg C. Biologic properties. J Cell Biochem 2006;99:1285-1297.\n\n"
        "402\n\nThe Journal of Things Vol. 28, No. 4\n\n"
        "4. Di Nicola M. Human bone marrow stromal cells. Blood 2002;99:3838-3843."
    )
    span = (text.index("REFERENCES"), len(text))
    refs = parse_references(text, span, "doc")
    assert [r.number for r in refs] == [1, 2, 3, 4]
    assert refs[0].title == ("The potential use of mesenchymal stem cells in hematopoietic stem "
                             "cell transplantation")
    assert refs[1].text == ("Pittenger MF, Mackay AM, Beck SC, et al. Multilineage potential of "
                            "adult human mesenchymal stem cells. Science 1999;284:143-147.")
    assert refs[2].journal == "J Cell Biochem" and refs[3].authors == ["Di Nicola M"]
    assert link_citations(find_citations(text, skip_spans=[span]), refs)[1].reference == refs[1].text


def test_author_year_reference_list() -> None:
    text = (
        "REFERENCES\n"
        "Carrión F, Nova E, Ruiz C, et al. (2010) Autologous mesenchymal stem cell treatment "
        "increased T regulatory cells with no effect on disease activity in two systemic lupus "
        "erythematosus patients. Lupus 19:317-322.\n"
        "Le Blanc K, Rasmusson I, Sundberg B, et al. (2004) Treatment of severe acute\n"
        "graft-versus-host disease with third party haploidentical mesenchymal stem cells. "
        "Lancet 363:1439-1441.\n"
        "Sun L, Akiyama K, Zhang H, et al. (2009) Mesenchymal stem cell transplantation reverses "
        "multiorgan dysfunction in systemic lupus erythematosus mice and humans. Stem Cells "
        "27:1421-1432.\n"
    )
    refs = parse_references(text, (0, len(text)), "doc")
    assert [r.key for r in refs] == ["Carrion 2010", "Le Blanc 2004", "Sun 2009"]
    assert refs[2].journal == "Stem Cells" and refs[2].volume == "27" and refs[2].pages == "1421-1432"
    assert refs[1].text.endswith("Lancet 363:1439-1441.") and "acute graft" in refs[1].text
    body = "as shown (Carrión et al., 2010; Sun et al., 2009; Liang et al., 2010)."
    linked = link_citations(find_citations(body, style="author_year"), refs)
    assert [(c.key, c.resolved) for c in linked] == [
        ("Carrion 2010", True), ("Sun 2009", True), ("Liang 2010", False)
    ]


def test_link_keeps_unresolved_and_does_not_mutate() -> None:
    refs = parse_references("REFERENCES\n1. Tyndall A. Application. Pediatr Res 2012;71:433-438.\n",
                            None, "doc")
    citations = [Citation(key="1", label="[1,7]", start=0, end=5, style="numeric"),
                 Citation(key="7", label="[1,7]", start=0, end=5, style="numeric")]
    linked = link_citations(citations, refs)
    assert [c.reference for c in linked] == [refs[0].text, None]
    assert all(c.reference is None for c in citations)


@pytest.mark.parametrize(
    ("entry", "journal", "year", "volume", "pages"),
    [
        ("Rose RA, Keating A, Backx PH. Do mesenchymal stromal cells transdifferentiate into "
         "functional cardiomyocytes? Circ Res 2008;103:e120.", "Circ Res", 2008, "103", "e120"),
        ("Anjos-Afonso F, Siapati EK, Bonnet D. In vivo contribution of murine mesenchymal stem "
         "cells. J Cell Sci 2004;117(Pt 23):5655-5664.", "J Cell Sci", 2004, "117(Pt 23)", "5655-5664"),
        ("Zeinaloo A, Zanjani KS. Intracoronary administration. Pediatr Transplant "
         "2011;15:E183-E186.", "Pediatr Transplant", 2011, "15", "E183-E186"),
        ("Riordan NH, Ichim TE, Min WP, et al. Non-expanded adipose stromal vascular fraction. "
         "J Transl Med 2009;7:29.", "J Transl Med", 2009, "7", "29"),
    ],
)
def test_parse_entry_vancouver_variants(entry: str, journal: str, year: int, volume: str, pages: str) -> None:
    fields = parse_entry(entry)
    assert (fields["journal"], fields["year"], fields["volume"], fields["pages"]) == (
        journal, year, volume, pages)


PNAS = PDF_DIR / "10.1073_pnas.2322520121.pdf"


@pytest.fixture(scope="module")
def pnas():
    """The PNAS article as `qa add` reads it: its Methods section is read between entries 11 and 12."""
    from qa.ingest.corpus import RawDocument
    from qa.ingest.pipeline import ingest_document
    from qa.models import DocumentMeta

    if not PNAS.is_file():
        pytest.skip(f"{PNAS} is missing")
    raw = RawDocument(meta=DocumentMeta(id="pnas", file="pnas.txt"), text=read_once(PNAS).text, sha256="")
    return ingest_document(raw)


def test_pnas_entry_does_not_swallow_the_section_after_it(pnas) -> None:
    doc, passages = pnas
    assert [r.number for r in doc.references] == list(range(1, 56))
    entry = doc.references[10]
    assert entry.text.endswith("Mol. Cell 71, 319–331.e3 (2018).") and entry.year == 2018
    assert max(len(r.text) for r in doc.references) < 700
    assert doc.references[11].text.startswith("J. Rudolph")
    # the Methods text is body again: a section of its own, cut into passages
    assert any("iPOND was used for isolation of proteins" in p.text for p in passages)
    assert "Materials and Methods" in [s.title for s in doc.sections]


JB = PDF_DIR / "10.1128_jb.00479-21.pdf"
ELIFE = PDF_DIR / "10.7554_elife.91357.3.pdf"


def _entries(path, doc_id: str) -> dict[str, object]:
    if not path.is_file():
        pytest.skip(f"{path} is not there")
    from qa.ingest.corpus import RawDocument
    from qa.ingest.pipeline import ingest_document
    from qa.models import DocumentMeta

    raw = RawDocument(meta=DocumentMeta(id=doc_id, file=f"{doc_id}.txt"), text=read_once(path).text, sha256="")
    doc, _ = ingest_document(raw)
    return {r.key: r for r in doc.references}


def test_dois_broken_by_a_line_end_are_read_whole() -> None:
    """User trial 5: a DOI the PDF breaks over a line lost its end ('10.1128/IAI', '10.1111/1462',
    '10.7554/eLife', '10.1016/j') or was lost ('10 .1038/...'); exports passed the broken DOI on,
    and the left-over tail became the entry's journal ('03939')."""
    jb = _entries(JB, "jb")
    assert jb["11"].doi == "10.1128/jcm.35.6.1394-1397.1997"
    assert jb["12"].doi == "10.1038/nrmicro.2017.16"
    assert jb["21"].doi == "10.1111/1462-2920.14565"
    assert jb["35"].doi == "10.1128/IAI.00413-18" and jb["36"].doi == "10.1128/AEM.02569-10"
    elife = {r.authors[0].split()[0] if r.authors else r.key: r for r in _entries(ELIFE, "elife").values()}
    assert elife["Coulon"].doi == "10.7554/eLife.03939" and elife["Coulon"].journal != "03939"
    assert elife["Reimer"].doi == "10.1016/j.molcel.2020.12.018" and elife["Reimer"].journal == "Molecular Cell"
    assert elife["Tsai"].doi.startswith("10.1016/0092-8674(80)")
