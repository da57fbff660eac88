package io.tfmesh.preflight;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.web.Versions;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Preflight checks", description = "Whether a cluster meets what TF needs, and the rules that say so")
class PreflightApiController {

	private final PreflightService preflight;

	private final RuleService rules;

	PreflightApiController(PreflightService preflight, RuleService rules) {
		this.preflight = preflight;
		this.rules = rules;
	}

	@GetMapping("/clusters/{id}/preflight")
	@Operation(summary = "The cluster's preflight checks",
			description = "From the latest stored observation: per check pass, fail or unknown (tfmesh did not "
					+ "read what it needs), with the readings each verdict rests on.")
	PreflightReport report(@PathVariable long id) {
		return preflight.report(id);
	}

	@GetMapping("/preflight/rules")
	@Operation(summary = "The preflight rules")
	List<PreflightRule> rules() {
		return rules.all();
	}

	@PutMapping("/preflight/rules")
	@Operation(summary = "Replace every preflight rule's value at once (admins)",
			description = "The body lists every rule once, each with its key, its value (allowed or minimumGib) "
					+ "and the version it was read at; either all change or none.")
	List<PreflightRule> replaceRules(@RequestBody @Nullable List<@Nullable RuleRequest> requests) {
		if (requests == null) {
			throw new InvalidInputException("body", "is required: send the rules as a JSON array");
		}
		return rules.updateAll(requests);
	}

	@GetMapping("/preflight/rules/{key}")
	@Operation(summary = "One preflight rule")
	ResponseEntity<PreflightRule> rule(@PathVariable String key) {
		PreflightRule rule = rules.get(key);
		return ResponseEntity.ok().eTag(Versions.etag(rule.version())).body(rule);
	}

	@PutMapping("/preflight/rules/{key}")
	@Operation(summary = "Change one preflight rule's value (admins)",
			description = "allowed for a rule of versions, minimumGib for a rule of sizes; the version it was read "
					+ "at in If-Match or the body.")
	ResponseEntity<PreflightRule> updateRule(@PathVariable String key, @RequestBody @Nullable RuleRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		if (request == null) {
			throw new InvalidInputException("body", "is required: send the rule as a JSON object");
		}
		rules.get(key);
		PreflightRule rule = rules.update(key, request, Versions.expected(ifMatch, request.version()));
		return ResponseEntity.ok().eTag(Versions.etag(rule.version())).body(rule);
	}

}
