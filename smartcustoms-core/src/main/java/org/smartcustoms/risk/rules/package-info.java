/**
 * Inductive risk: targeting rules as data, written in Google CEL. {@link org.smartcustoms.risk.rules.RuleCompiler}
 * type-checks them (errors with line and column) and shares one program per distinct expression text;
 * {@link org.smartcustoms.risk.rules.RuleSet} indexes them by scope (HS prefix, origin, party, office) so that
 * a declaration only evaluates the rules that can apply, and isolates and counts run-time failures.
 */
package org.smartcustoms.risk.rules;
