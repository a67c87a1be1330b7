"""The URBACT IAP template: each action's title and introduction, then the headings SPECIFIC
OBJECTIVE, MAIN ACTIVITIES, LEAD AND PARTNERS OF THE ACTION, COSTS AND FUNDINGS, MONITORING AND
EVALUATION INDICATORS (formats.iap finds the blocks; this reader names their fields)."""

from __future__ import annotations

from formats import iap

from ..found import Found, labelled
from ..words import normal

NAME = "template"
DESCRIBED = "URBACT template blocks"

_FIELDS = {
    "specific_objective": "objective",
    "operational_objective": "objective",
    "activities": "activities",
    "costs": "cost",
    "indicators": "indicators",
}


def read(context) -> list[Found]:
    found_actions = iap.find_actions("\n".join(context.lines))
    found: list[Found] = []
    at = 0
    starts = []
    for action in found_actions:
        wanted = normal(action.title)
        here = next(
            (i for i in range(at, len(context.lines)) if wanted and wanted in normal(context.lines[i])), at
        )
        starts.append(here)
        at = here + 1
    for n, action in enumerate(found_actions):
        end = starts[n + 1] if n + 1 < len(starts) else len(context.lines)
        item = Found(action.title, action.number, NAME, list(range(starts[n], end)))
        item.add("description", action.introduction)
        for section, lines in action.sections.items():
            if section == "partners":
                lead, partners = iap.lead_and_partners(lines)
                item.add("lead", lead or "")
                for partner in partners:
                    item.add("partner_names", partner)
                continue
            name = _FIELDS.get(section)
            for line in lines:
                label = labelled(line, context.words)
                if label and label[0] == "timing":
                    item.add("timing", label[1])
                elif name:
                    item.add(name, line)
            if section == "costs":
                for line in lines:
                    item.add("funder", line)
        found.append(item)
    return found
