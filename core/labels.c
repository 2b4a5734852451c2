#include "labels.h"

#include <string.h>

const char *labels_judgement(briefing_judgement j)
{
    switch (j) {
    case BRIEFING_JUDGEMENT_OUTSTANDING: return "Outstanding";
    case BRIEFING_JUDGEMENT_GOOD: return "Good";
    case BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT: return "Requires improvement";
    case BRIEFING_JUDGEMENT_ADEQUATE: return "Adequate";
    case BRIEFING_JUDGEMENT_INADEQUATE: return "Inadequate";
    case BRIEFING_JUDGEMENT_NONE: break;
    }
    return "No judgement";
}

const char *labels_framework(briefing_framework f)
{
    switch (f) {
    case BRIEFING_FRAMEWORK_SAFEGUARDING_LAC: return "Safeguarding and looked after children (SLAC)";
    case BRIEFING_FRAMEWORK_CHILD_PROTECTION: return "Child protection inspection";
    case BRIEFING_FRAMEWORK_LOOKED_AFTER: return "Looked after children inspection";
    case BRIEFING_FRAMEWORK_SIF: return "Single inspection framework (SIF)";
    case BRIEFING_FRAMEWORK_ILACS: return "Inspection of local authority children's services (ILACS)";
    case BRIEFING_FRAMEWORK_JTAI: return "Joint targeted area inspection (JTAI)";
    case BRIEFING_FRAMEWORK_OTHER: return "Other inspection";
    case BRIEFING_FRAMEWORK_NONE: break;
    }
    return "Inspection";
}

const char *labels_inspection_type(briefing_inspection_type t)
{
    switch (t) {
    case BRIEFING_INSPECTION_FULL: return "Full inspection";
    case BRIEFING_INSPECTION_REINSPECTION: return "Re-inspection";
    case BRIEFING_INSPECTION_SHORT: return "Short inspection";
    case BRIEFING_INSPECTION_FOCUSED_VISIT: return "Focused visit";
    case BRIEFING_INSPECTION_MONITORING_VISIT: return "Monitoring visit";
    case BRIEFING_INSPECTION_JOINT_TARGETED: return "Joint targeted area inspection";
    case BRIEFING_INSPECTION_NONE: break;
    }
    return "Inspection";
}

const char *labels_intervention(briefing_intervention_kind k)
{
    switch (k) {
    case BRIEFING_INTERVENTION_IMPROVEMENT_NOTICE: return "Improvement notice";
    case BRIEFING_INTERVENTION_STATUTORY_DIRECTION: return "Statutory direction";
    case BRIEFING_INTERVENTION_COMMISSIONER: return "Commissioner";
    case BRIEFING_INTERVENTION_IMPROVEMENT_ADVISER: return "Improvement adviser";
    case BRIEFING_INTERVENTION_TRUST: return "Children's services trust";
    case BRIEFING_INTERVENTION_PARTNERSHIP: return "Partnership";
    case BRIEFING_INTERVENTION_SECTOR_LED_SUPPORT: return "Sector-led support";
    case BRIEFING_INTERVENTION_OTHER: break;
    }
    return "Other intervention";
}

const char *labels_role(const char *role)
{
    static const struct {
        const char *role;
        const char *label;
    } known[] = {
        {"dcs", "Director of children's services"},
        {"chief_executive", "Chief executive"},
        {"lead_member", "Lead member for children's services"},
        {"council_leader", "Leader of the council"},
        {"committee_chair", "Chair of the children's services committee"},
    };
    size_t i;

    if (role == NULL)
        return "";
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(role, known[i].role) == 0)
            return known[i].label;
    return role;
}

const char *labels_unit(briefing_unit u)
{
    switch (u) {
    case BRIEFING_UNIT_COUNT: return "number";
    case BRIEFING_UNIT_RATE_PER_10K: return "per 10,000 children";
    case BRIEFING_UNIT_PERCENT: return "per cent";
    case BRIEFING_UNIT_GBP: return "£";
    case BRIEFING_UNIT_NONE: break;
    }
    return "";
}
