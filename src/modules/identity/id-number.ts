// The rules of the 居民身份证号码 are shared with the web client, which checks them as they are typed.
export * from "../../../shared/identity/id-number.js";
