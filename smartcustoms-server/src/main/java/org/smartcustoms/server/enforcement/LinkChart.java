package org.smartcustoms.server.enforcement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.smartcustoms.enforcement.EnforcementStore;
import org.smartcustoms.enforcement.EntityRef;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.Link;
import org.smartcustoms.enforcement.SuspicionReport;

/**
 * The link chart's reads from the store, as the API does them: expansion hop by hop (one {@code linksOf} query per
 * hop over the whole frontier) and the nodes' labels (companies and persons in one query each, seizures one by one,
 * suspicion reports by their versions). Used by {@link EnforcementService#graph} and by {@code bench enforcement}
 * when it measures the SQL path; auditing the reads stays with the service.
 */
final class LinkChart {
    private LinkChart() { }

    /** The nodes reached (start first), the links among them, and whether {@code max} cut the expansion. */
    record Expansion(LinkedHashSet<EntityRef> nodes, List<Link> links, boolean truncated) { }

    static Expansion expand(EnforcementStore store, EntityRef start, int depth, int max) {
        LinkedHashSet<EntityRef> nodes = new LinkedHashSet<>(List.of(start));
        Map<String, Link> edges = new LinkedHashMap<>();
        List<EntityRef> frontier = List.of(start);
        boolean truncated = false;
        for (int hop = 0; hop < depth && !frontier.isEmpty() && !truncated; hop++) {
            List<EntityRef> next = new ArrayList<>();
            for (Link l : store.linksOf(frontier)) {
                for (EntityRef end : List.of(l.from(), l.to())) {
                    if (nodes.contains(end)) continue;
                    if (nodes.size() >= max) { truncated = true; break; }
                    nodes.add(end);
                    next.add(end);
                }
                if (nodes.contains(l.from()) && nodes.contains(l.to())) edges.putIfAbsent(l.from() + ">" + l.to() + ">" + l.role(), l);
            }
            frontier = next;
        }
        return new Expansion(nodes, new ArrayList<>(edges.values()), truncated);
    }

    /** "TYPE:ID" -> label for the records that exist (seizure summaries, names, report status). */
    static Map<String, String> labels(EnforcementStore store, Collection<EntityRef> refs) {
        Map<EntityType, List<String>> ids = new HashMap<>();
        for (EntityRef r : refs) ids.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r.id());
        Map<String, String> labels = new HashMap<>();
        store.latestCompanies(ids.getOrDefault(EntityType.COMPANY, List.of())).forEach(c -> labels.put("COMPANY:" + c.id(), c.name()));
        store.latestPersons(ids.getOrDefault(EntityType.PERSON, List.of())).forEach(p -> labels.put("PERSON:" + p.id(), p.name()));
        for (String s : ids.getOrDefault(EntityType.SEIZURE, List.of())) {
            store.seizure(s).ifPresent(z -> labels.put("SEIZURE:" + s, z.id() + " · " + z.summary()));
        }
        for (String s : ids.getOrDefault(EntityType.SUSPICION, List.of())) {
            List<SuspicionReport> v = store.suspicionVersions(s);
            if (!v.isEmpty()) labels.put("SUSPICION:" + s, s + " · " + v.get(v.size() - 1).status());
        }
        return labels;
    }
}
