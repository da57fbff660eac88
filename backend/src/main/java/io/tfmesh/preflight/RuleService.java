package io.tfmesh.preflight;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.error.StaleVersionException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the preflight rules, and lets admins change their values. */
@Service
public class RuleService {

	static final String KIND = "preflight rule";

	static final int MAX_ALLOWED = 100;

	static final int MAX_VERSION_LENGTH = 100;

	static final int MAX_MINIMUM_GIB = 1_048_576;

	private final RuleStore store;

	private final AuditLog audit;

	private final Clock clock;

	RuleService(RuleStore store, AuditLog audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<PreflightRule> all() {
		return store.all();
	}

	@Transactional(readOnly = true)
	public PreflightRule get(String key) {
		return store.find(key).orElseThrow(() -> new NotFoundException(KIND, key));
	}

	/** Changes one rule's value, based on the version the caller read. */
	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public PreflightRule update(String key, RuleRequest request, long expectedVersion) {
		RuleDefinition definition = RuleDefinition.of(key).orElseThrow(() -> new NotFoundException(KIND, key));
		List<FieldProblem> problems = new ArrayList<>();
		if (request.key() != null && !request.key().equals(key)) {
			problems.add(new FieldProblem("key", "names rule " + request.key() + " while the path names " + key
					+ "; leave it out or send the same key"));
		}
		problems.addAll(problems(definition, request, ""));
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return write(definition, request, expectedVersion);
	}

	/**
	 * Changes every rule at once, or none: the request lists each rule once, with the version it
	 * was read at. A rule sent as it is keeps its version.
	 */
	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public List<PreflightRule> updateAll(List<@Nullable RuleRequest> requests) {
		List<FieldProblem> problems = new ArrayList<>();
		Map<RuleDefinition, RuleRequest> byRule = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < requests.size(); i++) {
			RuleRequest request = requests.get(i);
			String at = "[" + i + "]";
			if (request == null) {
				problems.add(new FieldProblem(at, "must be a rule, not null"));
				continue;
			}
			if (request.key() == null || request.key().isBlank()) {
				problems.add(new FieldProblem(at + ".key", "is required: name the rule, one of " + keys()));
				continue;
			}
			RuleDefinition definition = RuleDefinition.of(request.key()).orElse(null);
			if (definition == null) {
				problems.add(new FieldProblem(at + ".key", "no rule " + request.key() + "; the rules are " + keys()));
				continue;
			}
			if (!seen.add(definition.key())) {
				problems.add(new FieldProblem(at + ".key", "lists rule " + definition.key() + " twice"));
				continue;
			}
			if (request.version() == null) {
				problems.add(new FieldProblem(at + ".version",
						"is required: the version of the rule the change is based on, as read"));
			}
			problems.addAll(problems(definition, request, at + "."));
			byRule.put(definition, request);
		}
		for (RuleDefinition definition : RuleDefinition.ALL) {
			if (!seen.contains(definition.key())) {
				problems.add(new FieldProblem("body", "rule " + definition.key() + " is missing; send every rule"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		byRule.forEach((definition, request) -> write(definition, request, request.version()));
		return store.all();
	}

	private PreflightRule write(RuleDefinition definition, RuleRequest request, long expectedVersion) {
		PreflightRule before = get(definition.key());
		List<String> allowed = definition.takesAllowed()
				? request.allowed().stream().map(entry -> entry.strip()).toList() : null;
		Integer minimumGib = definition.takesAllowed() ? null : request.minimumGib();
		if (Objects.equals(allowed, before.allowed()) && Objects.equals(minimumGib, before.minimumGib())) {
			// a rule sent back as it is stays at its version, with nothing to audit
			return before;
		}
		if (!store.update(definition.key(), allowed, minimumGib, expectedVersion, AuditLog.currentActor(),
				clock.instant())) {
			throw new StaleVersionException(KIND, definition.key(), expectedVersion, before.version());
		}
		PreflightRule after = get(definition.key());
		audit.record(AuditAction.UPDATE, "preflight-rule", definition.key(), definition.title(), before, after);
		return after;
	}

	private static List<FieldProblem> problems(RuleDefinition definition, RuleRequest request, String at) {
		List<FieldProblem> problems = new ArrayList<>();
		if (definition.takesAllowed()) {
			if (request.minimumGib() != null) {
				problems.add(new FieldProblem(at + "minimumGib",
						"rule " + definition.key() + " takes a list of allowed versions, not a size"));
			}
			List<@Nullable String> allowed = request.allowed();
			if (allowed == null || allowed.isEmpty()) {
				problems.add(new FieldProblem(at + "allowed", "must list at least one version"));
				return problems;
			}
			if (allowed.size() > MAX_ALLOWED) {
				problems.add(new FieldProblem(at + "allowed", "lists " + allowed.size() + " versions; at most "
						+ MAX_ALLOWED + " are allowed"));
				return problems;
			}
			Set<String> distinct = new HashSet<>();
			for (int i = 0; i < allowed.size(); i++) {
				String entry = allowed.get(i);
				String field = at + "allowed[" + i + "]";
				if (entry == null || entry.isBlank()) {
					problems.add(new FieldProblem(field, "must be a version, not blank"));
				}
				else if (entry.strip().length() > MAX_VERSION_LENGTH) {
					problems.add(new FieldProblem(field, "must be at most " + MAX_VERSION_LENGTH + " characters"));
				}
				else if (!entry.strip().chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\\')) {
					problems.add(new FieldProblem(field,
							"must be one version, such as 3.10.0-862.14.4, without spaces, quotes or other characters"));
				}
				else if (!distinct.add(entry.strip())) {
					problems.add(new FieldProblem(field, "lists " + entry.strip() + " twice"));
				}
			}
		}
		else {
			if (request.allowed() != null) {
				problems.add(new FieldProblem(at + "allowed",
						"rule " + definition.key() + " takes a size in GiB (minimumGib), not versions"));
			}
			Integer minimum = request.minimumGib();
			if (minimum == null) {
				problems.add(new FieldProblem(at + "minimumGib", "is required: the least size in GiB"));
			}
			else if (minimum < 1 || minimum > MAX_MINIMUM_GIB) {
				problems.add(new FieldProblem(at + "minimumGib", "must be between 1 and " + MAX_MINIMUM_GIB + " GiB"));
			}
		}
		return problems;
	}

	private static String keys() {
		return String.join(", ", RuleDefinition.ALL.stream().map(RuleDefinition::key).toList());
	}

}
