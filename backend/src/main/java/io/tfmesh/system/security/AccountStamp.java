package io.tfmesh.system.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A digest of what a login depends on: the password hash, whether the account may log in, and
 * its authorities. A session keeps the stamp of its login; when the account's stamp changes (a
 * new role, disabled, a new password) or the account is gone, the session no longer belongs to
 * anybody.
 */
final class AccountStamp {

	private AccountStamp() {
	}

	static String of(UserDetails account) {
		StringBuilder text = new StringBuilder();
		text.append(account.getUsername()).append('\n').append(account.getPassword()).append('\n')
			.append(account.isEnabled()).append(account.isAccountNonLocked()).append(account.isAccountNonExpired())
			.append(account.isCredentialsNonExpired());
		TreeSet<String> authorities = new TreeSet<>();
		for (GrantedAuthority authority : account.getAuthorities()) {
			authorities.add(authority.getAuthority());
		}
		authorities.forEach(authority -> text.append('\n').append(authority));
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
