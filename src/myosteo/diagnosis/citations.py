"""Bibliographic records for every rule in the diagnosis catalogue.

Each criterion and each cut-off names one of these keys in its ``source`` field, so
that a reader of the data (or of ``docs/diagnosis.md``) can go back to the paper.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """One paper: authors (first three, et al.), title, journal, year and DOI."""

    key: str
    authors: str
    title: str
    journal: str
    year: int
    doi: str

    def short(self) -> str:
        """``Authors. Journal Year. doi:...`` on one line."""
        return f"{self.authors} {self.journal} {self.year}. doi:{self.doi}"


_ALL = [
    Citation("cruz-jentoft2010", "Cruz-Jentoft AJ, Baeyens JP, Bauer JM, et al.",
             "Sarcopenia: European consensus on definition and diagnosis (EWGSOP)",
             "Age Ageing 39(4):412-423", 2010, "10.1093/ageing/afq034"),
    Citation("cruz-jentoft2019", "Cruz-Jentoft AJ, Bahat G, Bauer J, et al.",
             "Sarcopenia: revised European consensus on definition and diagnosis (EWGSOP2)",
             "Age Ageing 48(1):16-31", 2019, "10.1093/ageing/afy169"),
    Citation("chen2014", "Chen LK, Liu LK, Woo J, et al.",
             "Sarcopenia in Asia: consensus report of the Asian Working Group for Sarcopenia",
             "J Am Med Dir Assoc 15(2):95-101", 2014, "10.1016/j.jamda.2013.11.025"),
    Citation("chen2020", "Chen LK, Woo J, Assantachai P, et al.",
             "Asian Working Group for Sarcopenia: 2019 consensus update on sarcopenia "
             "diagnosis and treatment", "J Am Med Dir Assoc 21(3):300-307.e2", 2020,
             "10.1016/j.jamda.2019.12.012"),
    Citation("studenski2014", "Studenski SA, Peters KW, Alley DE, et al.",
             "The FNIH Sarcopenia Project: rationale, study description, conference "
             "recommendations, and final estimates",
             "J Gerontol A Biol Sci Med Sci 69(5):547-558", 2014, "10.1093/gerona/glu010"),
    Citation("bhasin2020", "Bhasin S, Travison TG, Manini TM, et al.",
             "Sarcopenia definition: the position statements of the Sarcopenia Definition "
             "and Outcomes Consortium", "J Am Geriatr Soc 68(7):1410-1418", 2020,
             "10.1111/jgs.16372"),
    Citation("cawthon2020", "Cawthon PM, Manini T, Patel SM, et al.",
             "Putative cut-points in sarcopenia components and incident adverse health "
             "outcomes: an SDOC analysis", "J Am Geriatr Soc 68(7):1429-1437", 2020,
             "not verified (PMID 32633824)"),
    Citation("fielding2011", "Fielding RA, Vellas B, Evans WJ, et al.",
             "Sarcopenia: an undiagnosed condition in older adults. Current consensus "
             "definition (International Working Group on Sarcopenia)",
             "J Am Med Dir Assoc 12(4):249-256", 2011, "10.1016/j.jamda.2011.01.003"),
    Citation("morley2011", "Morley JE, Abbatecola AM, Argiles JM, et al.",
             "Sarcopenia with limited mobility: an international consensus (SCWD)",
             "J Am Med Dir Assoc 12(6):403-409", 2011, "10.1016/j.jamda.2011.04.014"),
    Citation("baumgartner1998", "Baumgartner RN, Koehler KM, Gallagher D, et al.",
             "Epidemiology of sarcopenia among the elderly in New Mexico",
             "Am J Epidemiol 147(8):755-763", 1998,
             "10.1093/oxfordjournals.aje.a009520 (not re-verified)"),
    Citation("janssen2002", "Janssen I, Heymsfield SB, Ross R.",
             "Low relative skeletal muscle mass (sarcopenia) in older persons is associated "
             "with functional impairment and physical disability",
             "J Am Geriatr Soc 50(5):889-896", 2002, "10.1046/j.1532-5415.2002.50216.x"),
    Citation("janssen2004", "Janssen I, Baumgartner RN, Ross R, et al.",
             "Skeletal muscle cutpoints associated with elevated physical disability risk "
             "in older men and women", "Am J Epidemiol 159(4):413-421", 2004,
             "10.1093/aje/kwh058"),
    Citation("janssen2000", "Janssen I, Heymsfield SB, Baumgartner RN, Ross R.",
             "Estimation of skeletal muscle mass by bioelectrical impedance analysis",
             "J Appl Physiol 89(2):465-471", 2000, "not verified"),
    Citation("who1994", "WHO Study Group.",
             "Assessment of fracture risk and its application to screening for "
             "postmenopausal osteoporosis", "WHO Technical Report Series 843", 1994, "none"),
    Citation("kanis2008", "Kanis JA, McCloskey EV, Johansson H, et al.",
             "A reference standard for the description of osteoporosis",
             "Bone 42(3):467-475", 2008, "10.1016/j.bone.2007.11.001 (not re-verified)"),
    Citation("looker1998", "Looker AC, Wahner HW, Dunn WL, et al.",
             "Updated data on proximal femur bone mineral levels of US adults (NHANES III)",
             "Osteoporos Int 8(5):468-489", 1998, "10.1007/s001980050093"),
    Citation("iscd2013", "Watts NB, Leslie WD, Foldes AJ, Miller PD.",
             "2013 ISCD Position Development Conference: Task Force on Normative Databases",
             "J Clin Densitom 16(4):472-481", 2013, "10.1016/j.jocd.2013.08.001"),
    Citation("siris2014", "Siris ES, Adler R, Bilezikian J, et al.",
             "The clinical diagnosis of osteoporosis: a position statement from the "
             "National Bone Health Alliance Working Group",
             "Osteoporos Int 25(5):1439-1443", 2014, "10.1007/s00198-014-2655-z"),
    Citation("donini2022", "Donini LM, Busetto L, Bischoff SC, et al.",
             "Definition and diagnostic criteria for sarcopenic obesity: ESPEN and EASO "
             "consensus statement", "Clin Nutr 41(4):990-1000 (also Obes Facts "
             "15(3):321-335, doi:10.1159/000521241)", 2022, "10.1016/j.clnu.2021.11.014"),
    Citation("malmstrom2016", "Malmstrom TK, Miller DK, Simonsick EM, et al.",
             "SARC-F: a symptom score to predict persons with sarcopenia at risk for poor "
             "functional outcomes", "J Cachexia Sarcopenia Muscle 7(1):28-36", 2016,
             "10.1002/jcsm.12048"),
    Citation("barbosa-silva2016", "Barbosa-Silva TG, Menezes AMB, Bielemann RM, et al.",
             "Enhancing SARC-F: improving sarcopenia screening in the clinical practice",
             "J Am Med Dir Assoc 17(12):1136-1141", 2016, "not verified"),
    Citation("ishii2014", "Ishii S, Tanaka T, Shibasaki K, et al.",
             "Development of a simple screening test for sarcopenia in older adults",
             "Geriatr Gerontol Int 14(Suppl 1):93-101", 2014, "10.1111/ggi.12197"),
    Citation("huang2023", "Huang T, Li C, Chen F, et al.",
             "Prevalence and risk factors of osteosarcopenia: a systematic review and "
             "meta-analysis", "BMC Geriatr 23:369", 2023, "10.1186/s12877-023-04085-9"),
]

CITATIONS: dict[str, Citation] = {c.key: c for c in _ALL}
