// Adapter: mediasoup's DTLS output BIO callback on Debian's KTLS-enabled libssl. Placed first on
// the worker's include path as <openssl/bio.h> by build.sh (the OpenSSL stand-in's compat/).
//
// Why: mediasoup's callback (onSslBioOut in worker/src/RTC/DtlsTransport.cpp) answers 1 to
// every BIO operation except a bare BIO_CB_RETURN, so every BIO_ctrl() on the memory BIO it is
// attached to returns 1. mediasoup's own OpenSSL (3.0.8 from wrapdb) is built without KTLS, where
// BIO_get_ktls_send() is the constant 0 and the answer never matters. Debian builds libssl with
// enable-ktls: there BIO_get_ktls_send() is a real BIO_ctrl(), the callback says "yes, kernel TLS",
// and libssl skips allocating its record write buffer (the kernel would write the records). The
// first record DTLS writes (the ServerHello, right after a browser's ClientHello) then goes to a
// NULL buffer: the worker's SIGSEGV in do_dtls1_write under SSL_read.
//
// Fix: wrap the callback and give the KTLS queries the memory BIO's true answer (0), exactly as a
// libssl without KTLS behaves. Every other operation keeps mediasoup's own result, so DTLS sees
// what it sees with upstream's OpenSSL.
#ifndef SAKSI_MEDIASOUP_OPENSSL_BIO_COMPAT_H
#define SAKSI_MEDIASOUP_OPENSSL_BIO_COMPAT_H

#include_next <openssl/bio.h>

#ifdef __cplusplus
namespace saksi_openssl_compat
{
	// The wrapped callback of each BIO lives in the BIO's own ex_data slot.
	inline int CallbackIndex()
	{
		static const int index = BIO_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
		return index;
	}

	inline long Callback(
	  BIO* bio, int oper, const char* argp, size_t len, int argi, long argl, int ret, size_t* processed)
	{
		auto* original = reinterpret_cast<BIO_callback_fn_ex>(BIO_get_ex_data(bio, CallbackIndex()));
		const long result = original != nullptr
		                      ? original(bio, oper, argp, len, argi, argl, ret, processed)
		                      : ((oper & BIO_CB_RETURN) != 0 ? ret : 1);
		// For BIO_CB_CTRL, argi is the ctrl command and ret what the BIO itself answered.
		if (oper == (BIO_CB_CTRL | BIO_CB_RETURN) && (argi == BIO_CTRL_GET_KTLS_SEND || argi == BIO_CTRL_GET_KTLS_RECV))
			return ret;
		return result;
	}

	inline void SetCallbackEx(BIO* bio, BIO_callback_fn_ex callback)
	{
		BIO_set_ex_data(bio, CallbackIndex(), reinterpret_cast<void*>(callback));
		::BIO_set_callback_ex(bio, callback != nullptr ? Callback : nullptr);
	}
} // namespace saksi_openssl_compat

#define BIO_set_callback_ex saksi_openssl_compat::SetCallbackEx
#endif // __cplusplus

#endif // SAKSI_MEDIASOUP_OPENSSL_BIO_COMPAT_H
