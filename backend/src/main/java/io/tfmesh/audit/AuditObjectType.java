package io.tfmesh.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of objects the audit log records changes of, as the audit page offers them for
 * filtering, with a name for people.
 *
 * @param id the {@code objectType} of the entries, or {@link #RESERVATION}
 * @param label what the filter calls it
 */
public record AuditObjectType(String id, String label) {

	/**
	 * Not an object type of its own: the allocations that an admin set aside, which the log
	 * records as allocations.
	 */
	static final String RESERVATION = "reservation";

	private static final Map<String, String> KNOWN = known();

	/** Every kind tfmesh records, in the order of the navigation, then any other the log holds. */
	static List<AuditObjectType> offered(List<String> recorded) {
		List<AuditObjectType> types = new ArrayList<>();
		KNOWN.forEach((id, label) -> types.add(new AuditObjectType(id, label)));
		recorded.stream()
			.filter(id -> !KNOWN.containsKey(id))
			.forEach(id -> types.add(new AuditObjectType(id, id)));
		return types;
	}

	private static Map<String, String> known() {
		Map<String, String> known = new LinkedHashMap<>();
		known.put("cloud", "Clouds");
		known.put("cluster", "Clusters");
		known.put("mesh", "Meshes");
		known.put("allocation", "Allocations");
		known.put(RESERVATION, "Reservations");
		known.put("intent", "Intents");
		known.put("plan", "Plans");
		known.put("user", "Users");
		known.put("api-token", "API tokens");
		known.put("login", "Logins");
		return known;
	}

}
