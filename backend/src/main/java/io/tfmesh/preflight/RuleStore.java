package io.tfmesh.preflight;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The preflight rules in PostgreSQL, seeded by the migration; only their values change. */
@Component
class RuleStore {

	private static final String SELECT = """
			SELECT rule_key, allowed, minimum_gib, updated_at, updated_by, version FROM preflight_rule""";

	private final JdbcTemplate jdbc;

	RuleStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The rules tfmesh knows, in their order; a known rule without a row is left out. */
	List<PreflightRule> all() {
		List<PreflightRule> stored = jdbc.query(SELECT, this::rule);
		return RuleDefinition.ALL.stream()
			.flatMap(definition -> stored.stream().filter(rule -> rule.key().equals(definition.key())))
			.toList();
	}

	Optional<PreflightRule> find(String key) {
		return jdbc.query(SELECT + " WHERE rule_key = ?", this::rule, key).stream().findFirst();
	}

	/** @return whether the rule was at that version (and is now at the next one) */
	boolean update(String key, @Nullable List<String> allowed, @Nullable Integer minimumGib, long expectedVersion,
			String actor, Instant now) {
		return jdbc.update("""
				UPDATE preflight_rule SET allowed = ?::text[], minimum_gib = ?, updated_at = ?, updated_by = ?,
				                          version = version + 1
				WHERE rule_key = ? AND version = ?""", (allowed != null) ? arrayLiteral(allowed) : null, minimumGib,
				Timestamp.from(now), actor, key, expectedVersion) == 1;
	}

	/** A PostgreSQL array literal, each element quoted so that commas and braces stay inside it. */
	private static String arrayLiteral(List<String> values) {
		StringBuilder text = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				text.append(',');
			}
			text.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return text.append('}').toString();
	}

	private PreflightRule rule(ResultSet row, int index) throws SQLException {
		String key = row.getString("rule_key");
		RuleDefinition definition = RuleDefinition.of(key)
			.orElseThrow(() -> new IllegalStateException("preflight_rule holds an unknown rule " + key));
		Array array = row.getArray("allowed");
		List<String> allowed = (array != null) ? Arrays.asList((String[]) array.getArray()) : null;
		int minimum = row.getInt("minimum_gib");
		return new PreflightRule(key, definition.title(), definition.description(), definition.field(), allowed,
				row.wasNull() ? null : minimum, row.getTimestamp("updated_at").toInstant(), row.getString("updated_by"),
				row.getLong("version"));
	}

}
