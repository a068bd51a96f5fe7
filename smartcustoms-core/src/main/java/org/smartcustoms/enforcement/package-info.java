/**
 * The enforcement and intelligence database (nCEN class): seizures, persons, companies (every historical version
 * kept) and suspicion reports, linked to each other and to declarations; the in-memory {@link
 * org.smartcustoms.enforcement.EnforcementIndex} through which the risk engine targets parties linked to past
 * seizures. Framework-free; storage behind {@link org.smartcustoms.enforcement.EnforcementStore}.
 */
package org.smartcustoms.enforcement;
