/** What other modules use: declare roles, get the caller, apply municipality scope. */
export { AccessPolicy, caseMunicipalities, type MunicipalityScope } from './access-policy';
export { Allow } from './allow.decorator';
export { CurrentPrincipal } from './current-principal.decorator';
export { ALL_MUNICIPALITIES, holdsMunicipality, principalOf, type Principal } from './principal';
export { ROLES, type Role } from './roles';
