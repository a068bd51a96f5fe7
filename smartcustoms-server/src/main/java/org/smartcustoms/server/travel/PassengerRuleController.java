package org.smartcustoms.server.travel;

import java.util.List;

import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.travel.PassengerVariable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Passenger-data rules: analysts write CEL over the advance passenger data (variables at {@code /variables}); a hit
 * sends the traveller to the counter with the rule's reason, at pre-arrival screening and at the gate. Customs staff
 * read them with their outcomes; ANALYST and ADMIN create and disable them.
 */
@RestController
@RequestMapping("/api/v1/travel/passenger-rules")
@Tag(name = "Arrivals")
class PassengerRuleController {
    private final PassengerRuleService rules;

    PassengerRuleController(PassengerRuleService rules) {
        this.rules = rules;
    }

    @Operation(summary = "Passenger-data rules with their outcomes (referrals, officers' results, findings)")
    @GetMapping
    List<PassengerRuleService.RuleView> list() {
        return rules.list();
    }

    public record VariableView(String name, String type, String description) { }

    @Operation(summary = "The variables a passenger-data rule may read")
    @GetMapping("/variables")
    List<VariableView> variables() {
        return PassengerVariable.catalogue().stream().map(v -> new VariableView(v.variable(), v.type().words(), v.description())).toList();
    }

    @Operation(summary = "Create a passenger-data rule (analyst): {name, expression (CEL), reason (the officer reads it)}")
    @PostMapping
    ResponseEntity<PassengerRuleService.RuleView> create(@RequestBody PassengerRuleService.RuleDraft body) {
        requireAnalyst();
        return ResponseEntity.status(201).body(rules.create(body, CurrentUser.get().username()));
    }

    @Operation(summary = "Disable a passenger-data rule (analyst)")
    @PostMapping("/{id}/disable")
    PassengerRuleService.RuleView disable(@PathVariable String id) {
        requireAnalyst();
        return rules.disable(id, CurrentUser.get().username());
    }

    private static void requireAnalyst() {
        Role r = CurrentUser.get().role();
        if (r != Role.ANALYST && r != Role.ADMIN) throw new AccessDeniedException("role " + r);
    }
}
