package io.tfmesh.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit log, newest first. */
@Component
public class AuditQueries {

	/** Fields that change on every update and say nothing to a reader. */
	private static final Set<String> BOOKKEEPING = Set.of("version", "createdAt", "updatedAt");

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	AuditQueries(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Transactional(readOnly = true)
	public PageView<AuditEntry> find(AuditFilter filter, PageQuery page) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		condition(where, args, "actor = ?", filter.actor());
		condition(where, args, "action = ?", filter.action() == null ? null : filter.action().toLowerCase());
		condition(where, args, "object_type = ?", filter.objectType());
		condition(where, args, "object_id = ?", filter.objectId());
		if (filter.from() != null) {
			where.append(" AND at >= ?");
			args.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND at < ?");
			args.add(Timestamp.from(filter.to()));
		}
		Long total = jdbc.queryForObject("SELECT count(*) FROM audit_event" + where, Long.class, args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(page.size());
		pageArgs.add(page.offset());
		List<AuditEntry> entries = jdbc.query("""
				SELECT id, at, actor, action, object_type, object_id, object_name, before_state, after_state
				FROM audit_event""" + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", this::entry,
				pageArgs.toArray());
		return PageView.of(entries, page, total == null ? 0 : total);
	}

	private static void condition(StringBuilder where, List<Object> args, String sql, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			where.append(" AND ").append(sql);
			args.add(value.strip());
		}
	}

	private AuditEntry entry(ResultSet row, int index) throws SQLException {
		JsonNode before = parse(row.getString("before_state"));
		JsonNode after = parse(row.getString("after_state"));
		return new AuditEntry(row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor"),
				row.getString("action"), row.getString("object_type"), row.getString("object_id"),
				row.getString("object_name"), before, after, changes(before, after));
	}

	private @Nullable JsonNode parse(@Nullable String text) {
		return text == null ? null : json.readTree(text);
	}

	static List<AuditEntry.FieldChange> changes(@Nullable JsonNode before, @Nullable JsonNode after) {
		Map<String, String> old = flatten(before);
		Map<String, String> now = flatten(after);
		Set<String> fields = new LinkedHashSet<>(old.keySet());
		fields.addAll(now.keySet());
		List<AuditEntry.FieldChange> changes = new ArrayList<>();
		for (String field : fields) {
			if (!BOOKKEEPING.contains(field) && !Objects.equals(old.get(field), now.get(field))) {
				changes.add(new AuditEntry.FieldChange(field, old.get(field), now.get(field)));
			}
		}
		return changes;
	}

	private static Map<String, String> flatten(@Nullable JsonNode node) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (node != null) {
			flatten("", node, fields);
		}
		return fields;
	}

	private static void flatten(String path, JsonNode node, Map<String, String> fields) {
		if (node.isObject()) {
			Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
			while (members.hasNext()) {
				Map.Entry<String, JsonNode> member = members.next();
				flatten(path.isEmpty() ? member.getKey() : path + "." + member.getKey(), member.getValue(), fields);
			}
		}
		else if (node.isArray()) {
			List<String> items = new ArrayList<>();
			node.forEach(item -> items.add(item.isValueNode() ? item.asString() : item.toString()));
			fields.put(path, String.join(", ", items));
		}
		else if (!node.isNull()) {
			fields.put(path, node.asString());
		}
	}

}
