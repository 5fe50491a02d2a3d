// The French names of the API's enums.

export const KINDS: Record<string, string> = {
  REGIONAL_CHAMBER: "Chambre régionale", NATIONAL_CHAMBER: "Chambre nationale", FEDERATION: "Fédération",
  NETWORK: "Réseau", EMPLOYERS_UNION: "Syndicat d'employeurs", ENTERPRISE: "Entreprise de l'ESS",
  STATE_SERVICE: "Service de l'État", REGIONAL_COUNCIL: "Conseil régional", DEPARTMENTAL_COUNCIL: "Conseil départemental",
  INTERCOMMUNALITY: "Intercommunalité", MUNICIPALITY: "Commune", PAYS: "Pays", OTHER: "Autre",
};

export const FAMILIES: Record<string, string> = {
  ASSOCIATION: "Association", COOPERATIVE: "Coopérative", MUTUAL: "Mutuelle", FOUNDATION: "Fondation",
  ESS_COMPANY: "Société commerciale de l'ESS", MIXED: "Plusieurs familles",
};

export const RELATIONS: Record<string, string> = {
  MEMBER_OF: "membre de", FOUNDED: "a fondé", RECOGNISES: "reconnaît", SUPPORTS: "soutient", FUNDS: "finance",
  INTERLOCUTOR_OF: "interlocuteur de", PARTNER_OF: "partenaire de", PARTY_TO: "partie à", HOLDS_ROLE: "fonction dans",
  ORGANISED: "a organisé", SPOKE_AT: "intervenant à", COVERS: "couvre", LOCATED_IN: "situé à",
};

export const NODE_TYPES: Record<string, string> = {
  Organization: "Organisation", Person: "Personne", Territory: "Territoire", Convention: "Convention", Event: "Événement",
};

export const SEARCH_KINDS: Record<string, string> = {
  ORGANIZATION: "Organisations", PERSON: "Personnes", TERRITORY: "Territoires", CONVENTION: "Conventions",
  EVENT: "Événements",
};

export const LEVELS: Record<string, string> = {
  REGION: "Région", DEPARTMENT: "Département", EPCI: "EPCI", PAYS: "Pays", COMMUNE: "Commune",
  COLLECTIVITE: "Collectivité",
};

export const PARTNERSHIPS: Record<string, string> = {
  RECOGNISES: "reconnaissance", SUPPORTS: "soutien", FUNDS: "financement", INTERLOCUTOR_OF: "interlocuteur",
  PARTNER_OF: "partenariat",
};

export function label(table: Record<string, string>, value: string | null | undefined): string {
  return value ? table[value] ?? value : "";
}
