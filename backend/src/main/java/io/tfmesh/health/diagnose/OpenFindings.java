package io.tfmesh.health.diagnose;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The findings open per cluster, in PostgreSQL, so that each appearance is announced once. */
@Component
class OpenFindings {

	private final JdbcTemplate jdbc;

	OpenFindings(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the findings open now and forgets those that are no longer.
	 * @return the findings that were not open before; concurrent callers see each once between them
	 */
	@Transactional
	List<Key> update(long clusterId, Collection<Key> open, Instant at) {
		Set<Key> now = new HashSet<>(open);
		List<Key> closed = jdbc
			.query("SELECT code, node FROM diagnosis_open WHERE cluster_id = ?",
					(row, i) -> new Key(row.getString("code"), row.getString("node")), clusterId)
			.stream()
			.filter(key -> !now.contains(key))
			.toList();
		for (Key key : closed) {
			jdbc.update("DELETE FROM diagnosis_open WHERE cluster_id = ? AND code = ? AND node = ?", clusterId, key.code(),
					key.node());
		}
		List<Key> opened = new ArrayList<>();
		for (Key key : now) {
			opened.addAll(jdbc.query("""
					INSERT INTO diagnosis_open (cluster_id, code, node, opened_at) VALUES (?, ?, ?, ?)
					ON CONFLICT DO NOTHING RETURNING code, node""",
					(row, i) -> new Key(row.getString("code"), row.getString("node")), clusterId, key.code(), key.node(),
					Timestamp.from(at)));
		}
		return opened;
	}

	/** @param node the node, or the empty string for a finding of the whole cluster */
	record Key(String code, String node) {

		static Key of(Finding finding) {
			return new Key(finding.code(), nodeOf(finding.node()));
		}

		private static String nodeOf(@Nullable String node) {
			return (node == null) ? "" : node;
		}

	}

}
