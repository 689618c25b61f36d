-- One spelling of unit names: the tone placement of the administrative-unit data as motcua imports it
-- (CV 915/CTK-CSCL, "Thanh Hóa", "Hòa Bình", "Thủy"; platform/text.ts modernTones) for names stored before the
-- importer respelled them ("Thanh Hoá", "Khánh Hoà", "Sơn Thuỷ"). Same rule as modernTones: a tone on the
-- second vowel of a syllable-final "oa/oe/uy" (not after q) moves to the first. Idempotent: a second run finds
-- nothing to change.
DO $$
DECLARE
  pairs text[][] := ARRAY[
    ['oá','óa'],
    ['oà','òa'],
    ['oả','ỏa'],
    ['oã','õa'],
    ['oạ','ọa'],
    ['oé','óe'],
    ['oè','òe'],
    ['oẻ','ỏe'],
    ['oẽ','õe'],
    ['oẹ','ọe'],
    ['oý','óy'],
    ['oỳ','òy'],
    ['oỷ','ỏy'],
    ['oỹ','õy'],
    ['oỵ','ọy'],
    ['uá','úa'],
    ['uà','ùa'],
    ['uả','ủa'],
    ['uã','ũa'],
    ['uạ','ụa'],
    ['ué','úe'],
    ['uè','ùe'],
    ['uẻ','ủe'],
    ['uẽ','ũe'],
    ['uẹ','ụe'],
    ['uý','úy'],
    ['uỳ','ùy'],
    ['uỷ','ủy'],
    ['uỹ','ũy'],
    ['uỵ','ụy'],
    ['Oá','Óa'],
    ['Oà','Òa'],
    ['Oả','Ỏa'],
    ['Oã','Õa'],
    ['Oạ','Ọa'],
    ['Oé','Óe'],
    ['Oè','Òe'],
    ['Oẻ','Ỏe'],
    ['Oẽ','Õe'],
    ['Oẹ','Ọe'],
    ['Oý','Óy'],
    ['Oỳ','Òy'],
    ['Oỷ','Ỏy'],
    ['Oỹ','Õy'],
    ['Oỵ','Ọy'],
    ['Uá','Úa'],
    ['Uà','Ùa'],
    ['Uả','Ủa'],
    ['Uã','Ũa'],
    ['Uạ','Ụa'],
    ['Ué','Úe'],
    ['Uè','Ùe'],
    ['Uẻ','Ủe'],
    ['Uẽ','Ũe'],
    ['Uẹ','Ụe'],
    ['Uý','Úy'],
    ['Uỳ','Ùy'],
    ['Uỷ','Ủy'],
    ['Uỹ','Ũy'],
    ['Uỵ','Ụy']
  ];
  pair text[];
  pat text;
BEGIN
  FOREACH pair SLICE 1 IN ARRAY pairs LOOP
    pat := '(?<![qQ])' || pair[1] || '(?=$|[[:space:],.;)])';
    UPDATE agencies SET name = regexp_replace(name, pat, pair[2], 'g') WHERE name ~ pat;
    UPDATE admin_units SET name = regexp_replace(name, pat, pair[2], 'g') WHERE name ~ pat;
    UPDATE admin_units SET full_name = regexp_replace(full_name, pat, pair[2], 'g') WHERE full_name ~ pat;
  END LOOP;
END $$;

-- Per-case time limits read from a channel's description and matched to the component cases
-- (catalog.time-fallbacks.ts): [{caseKey, value, unit}]; NULL when none matched.
ALTER TABLE procedure_channels ADD COLUMN IF NOT EXISTS case_limits jsonb;
