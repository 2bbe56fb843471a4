-- Doubtful matches, kept apart for a reviewer: two reports that may be one person's case,
-- with the score and evidence, both names and articles, and the commands that decide.
select case_links.score, case_links.evidence,
       (select person from events where events.report_id = case_links.report_id limit 1) as name,
       (select title from articles where articles.id =
          (select article_id from events where events.report_id = case_links.report_id limit 1)) as article,
       (select person from events where events.report_id = case_links.other_id limit 1) as other_name,
       (select title from articles where articles.id =
          (select article_id from events where events.report_id = case_links.other_id limit 1)) as other_article,
       case_links.case_id, case_links.other_case_id,
       'python pipeline.py cases --same ' || case_links.report_id || ' ' || case_links.other_id as same_command,
       'python pipeline.py cases --different ' || case_links.report_id || ' ' || case_links.other_id
         as different_command,
       case_links.report_id, case_links.other_id
from case_links
where case_links.verdict = 'review' and case_links.case_id != case_links.other_case_id
