import { useRef } from 'react';

export function CallbackForm() {
  const phoneRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const request = () => {
    const phone = phoneRef.current?.value ?? '';
    window.fbq('track', 'Contact', {}, { ph: phone }); // expect-flow: vendor meta-pixel user.contact.phone_number pattern=jsx-form-input
    const body = { phone, name: nameRef.current?.value };
    fetch('https://api.fitclub.app/callbacks', { method: 'POST', body: JSON.stringify(body) }); // expect-flow: http api.fitclub.app user.contact.phone_number pattern=jsx-form-input
  };

  return (
    <div className="callback">
      <input ref={nameRef} name="name" placeholder="Your name" />
      <input ref={phoneRef} name="phone" type="tel" placeholder="Phone number" />
      <button type="button" onClick={request}>Call me back</button>
    </div>
  );
}
