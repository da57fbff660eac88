package io.tfmesh.user;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.error.StaleVersionException;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Search;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User management, for admins only; and each user's own password. */
@Service
public class UserService {

	/** The columns the user list sorts by, username first. */
	public static final Map<String, String> SORT_COLUMNS = ListSort.columns("username", "username", "role", "role",
			"created", "createdAt");

	static final String AUDIT_TYPE = "user";

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final Clock clock;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, AuditLog audit, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.clock = clock;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public PageView<UserView> list(String q, PageQuery page) {
		return list(q, page, ListSort.orDefault(null, SORT_COLUMNS));
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public PageView<UserView> list(String q, PageQuery page, ListSort sort) {
		return PageView.of(users.search(Search.containsPattern(q), page.pageable(sort.sort())), UserView::of);
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public UserView get(long id) {
		return UserView.of(find(id));
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public UserView create(CreateUserRequest request) {
		Passwords.check("password", request.password());
		if (users.existsByUsername(request.username())) {
			throw new ConflictException("username", "A user named '" + request.username() + "' already exists");
		}
		User user = users.saveAndFlush(new User(request.username(), passwordEncoder.encode(request.password()),
				request.role(), clock.instant()));
		UserView view = UserView.of(user);
		audit.record(AuditAction.CREATE, AUDIT_TYPE, user.getId(), user.getUsername(), null, view);
		return view;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public UserView update(long id, UpdateUserRequest request, long expectedVersion) {
		int enabledAdmins = users.lockEnabled(Role.ADMIN).size();
		User user = find(id);
		if (user.getVersion() != expectedVersion) {
			throw new StaleVersionException(AUDIT_TYPE, id, expectedVersion, user.getVersion());
		}
		UserView before = UserView.of(user);
		boolean losesAdmin = user.getRole() == Role.ADMIN && user.isEnabled()
				&& (request.role() != Role.ADMIN || !request.enabled());
		if (losesAdmin && enabledAdmins <= 1) {
			throw new ConflictException("role", "'" + user.getUsername()
					+ "' is the last enabled admin; make another user admin first");
		}
		if (losesAdmin && Objects.equals(user.getUsername(), AuditLog.currentActor()) && !request.enabled()) {
			throw new ConflictException("enabled", "You cannot disable your own account");
		}
		user.change(request.role(), request.enabled(), clock.instant());
		if (request.password() != null && !request.password().isEmpty()) {
			Passwords.check("password", request.password());
			user.changePassword(passwordEncoder.encode(request.password()), clock.instant());
		}
		users.saveAndFlush(user);
		UserView after = UserView.of(user);
		boolean newPassword = request.password() != null && !request.password().isEmpty();
		audit.record(AuditAction.UPDATE, AUDIT_TYPE, id, user.getUsername(), before, after,
				newPassword ? new String[] { "password" } : new String[0]);
		return after;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void delete(long id) {
		int enabledAdmins = users.lockEnabled(Role.ADMIN).size();
		User user = find(id);
		if (Objects.equals(user.getUsername(), AuditLog.currentActor())) {
			throw new ConflictException("You cannot delete your own account");
		}
		if (user.getRole() == Role.ADMIN && user.isEnabled() && enabledAdmins <= 1) {
			throw new ConflictException("'" + user.getUsername() + "' is the last enabled admin and cannot be deleted");
		}
		UserView before = UserView.of(user);
		users.delete(user);
		users.flush();
		audit.record(AuditAction.DELETE, AUDIT_TYPE, id, user.getUsername(), before, null);
	}

	/** Changes the caller's own password after checking the current one. */
	@Transactional
	public void changeOwnPassword(String username, String currentPassword, String newPassword) {
		User user = users.findByUsername(username).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, username));
		if (!passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
			throw new InvalidInputException("currentPassword", "is not your current password");
		}
		Passwords.check("newPassword", newPassword);
		if (newPassword.length() < Passwords.MIN_LENGTH) {
			throw new InvalidInputException("newPassword",
					"must be at least " + Passwords.MIN_LENGTH + " characters long");
		}
		UserView before = UserView.of(user);
		user.changePassword(passwordEncoder.encode(newPassword), clock.instant());
		users.saveAndFlush(user);
		audit.record(AuditAction.UPDATE, AUDIT_TYPE, user.getId(), username, before, UserView.of(user), "password");
	}

	private User find(long id) {
		return users.findById(id).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
	}

}
