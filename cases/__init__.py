"""Cases: one defendant's prosecution followed across articles and outlets.

After the NLP stage, `cases.linking` joins the reports of the same person (their case
events and sentences in one article each) into cases, by name variants and what else the
reports share, keeping doubtful matches apart for a reviewer (`case_decisions`)."""
