package io.tfmesh.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/** Creates the first admin when there is no user at all, so a new installation can be logged into. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AdminSettings settings;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Clock clock;

	AdminBootstrap(UserRepository users, PasswordEncoder passwordEncoder, AdminSettings settings, AuditLog audit,
			TransactionTemplate transaction, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.settings = settings;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (users.count() > 0) {
			return;
		}
		boolean generated = !StringUtils.hasText(settings.password());
		String password = generated ? generatePassword() : settings.password();
		try {
			transaction.executeWithoutResult(status -> {
				User admin = users
					.saveAndFlush(new User(settings.username(), passwordEncoder.encode(password), Role.ADMIN, clock.instant()));
				audit.record(AuditAction.CREATE, UserService.AUDIT_TYPE, admin.getId(), admin.getUsername(), null,
						UserView.of(admin));
			});
		}
		catch (DataIntegrityViolationException ex) {
			// another replica created it at the same moment
			return;
		}
		if (generated) {
			log.warn("""

					Created the first admin account '{}' with the generated password: {}
					It is shown only this once. Log in at /login and change it, or set TFMESH_ADMIN_PASSWORD before the first start.
					""", settings.username(), password);
		}
		else {
			log.info("Created the first admin account '{}' with the password from TFMESH_ADMIN_PASSWORD",
					settings.username());
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
