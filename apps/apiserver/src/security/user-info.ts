/** Who made a request, as Kubernetes' user.Info (username, uid, groups). */
export interface UserInfo {
  username: string;
  uid: string;
  groups: string[];
}
