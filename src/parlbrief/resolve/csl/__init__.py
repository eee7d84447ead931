"""Citations by the Citation Style Language: references as CSL items, notes by a CSL
style (OSCOLA 4th edition unless `citation_style:` names another), and parlbrief's own
wording for the parliamentary materials CSL has no type for."""
