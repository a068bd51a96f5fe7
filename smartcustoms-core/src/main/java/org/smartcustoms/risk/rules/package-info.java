/**
 * Inductive risk: targeting rules as data, written in Google CEL. {@link org.smartcustoms.risk.rules.RuleCompiler}
 * type-checks them (errors with line and column) and shares one program per distinct expression text;
 * {@link org.smartcustoms.risk.rules.RuleSet} indexes them by scope (HS prefix, origin, party, office) so that
 * a declaration only evaluates the rules that can apply, and isolates and counts run-time failures.
 *
 * <p>CEL is the language and the reference semantics. For speed, rules whose checked AST has a simple shape
 * (comparisons of variables, literals and {@code params.x} joined by {@code &&}, {@code ||}, {@code !}, plus
 * {@code in} literal lists and {@code startsWith}/{@code endsWith}/{@code contains}) run as plain Java
 * predicates compiled from that AST ({@code FastPath}, property-tested against the interpreter), and rules
 * that read only declaration-level features are evaluated once per declaration, their outcome reused (and
 * still counted) for the other items. Everything else runs in the CEL interpreter.
 */
package org.smartcustoms.risk.rules;
